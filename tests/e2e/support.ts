import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';
/** Set for the e2e server by scripts/e2e-server.mjs: opens the emulator's client face over HTTP. */
export const CLIENT_TOKEN = 'e2e-client-token';

export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/partitions$/);
}

type ClientKey = { id: string; label: string; type: string; attributes: { keyClass: string } };

/** Calls the emulator's client API as a PKCS#11 application would. */
export async function clientKeys(request: APIRequestContext, partitionId: string, clientId: string): Promise<ClientKey[]> {
  const response = await request.get(`/api/emulator/v1/partitions/${partitionId}/keys?clientId=${clientId}`, {
    headers: { authorization: `Bearer ${CLIENT_TOKEN}` },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { keys: ClientKey[] }).keys;
}

export async function clientSign(request: APIRequestContext, partitionId: string, clientId: string, keyId: string) {
  const response = await request.post(`/api/emulator/v1/partitions/${partitionId}/keys/${keyId}/sign`, {
    headers: { authorization: `Bearer ${CLIENT_TOKEN}` },
    data: { clientId, data: Buffer.from('e2e payload').toString('base64') },
  });
  return { status: response.status(), body: (await response.json()) as { signature?: string; reasons?: { code: string }[] } };
}

export type CapturedAction = { path: string; headers: Record<string, string>; body: Buffer };

/**
 * Runs `trigger` on a page and catches the server-action POST it makes to `path`: a genuine request,
 * dropped before it lands, for replaying with someone else's cookies.
 */
export async function captureAction(page: Page, path: string, trigger: () => Promise<void>): Promise<CapturedAction> {
  let captured: CapturedAction | null = null;
  const pattern = `**${path}`;
  await page.route(pattern, async (route) => {
    const request = route.request();
    if (request.method() === 'POST' && request.headers()['next-action']) {
      captured = { path, headers: request.headers(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
      return;
    }
    await route.continue();
  });
  await trigger();
  await expect.poll(() => captured !== null).toBe(true);
  await page.unroute(pattern);
  return captured!;
}

/** Replays a captured server-action request with this request context's cookies; returns the answer's text. */
export async function replayAction(request: APIRequestContext, captured: CapturedAction): Promise<string> {
  const response = await request.post(captured.path, {
    headers: {
      'next-action': captured.headers['next-action']!,
      'content-type': captured.headers['content-type']!,
      accept: 'text/x-component',
      'next-router-state-tree': captured.headers['next-router-state-tree'] ?? '',
    },
    data: captured.body,
  });
  return response.text();
}
