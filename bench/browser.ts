/** What only a browser can measure: first-load JS, Largest Contentful Paint, click to warning. */
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Cookie } from '@playwright/test';
import { median, round } from './stats';

/** Debian's Chromium, launched as playwright.config.ts launches it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export async function logIn(browser: Browser, origin: string, email: string, password: string): Promise<Cookie[]> {
  const context = await browser.newContext({ baseURL: origin });
  try {
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/partitions$/, { timeout: 60_000 });
    return await context.cookies();
  } finally {
    await context.close();
  }
}

export function cookieHeader(cookies: readonly Cookie[]): string {
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

async function freshContext(browser: Browser, origin: string, cookies: readonly Cookie[]): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: origin });
  if (cookies.length > 0) await context.addCookies([...cookies]);
  return context;
}

export type FirstLoadJs = { scripts: number; rawBytes: number; gzipBytes: number; files: { url: string; gzipBytes: number }[] };

/**
 * The JavaScript a cold visit loads before the `load` event (empty cache, new context): each
 * script's body gzipped here (zlib, default level), so the figure does not depend on the server's
 * compression settings.
 */
export async function firstLoadJs(browser: Browser, origin: string, path: string, cookies: readonly Cookie[]): Promise<FirstLoadJs> {
  const context = await freshContext(browser, origin, cookies);
  try {
    const page = await context.newPage();
    const scripts: Promise<{ url: string; raw: number; gzip: number } | null>[] = [];
    let loaded = false;
    page.on('response', (response) => {
      if (loaded || response.request().resourceType() !== 'script') return;
      scripts.push(
        response.body().then(
          (body) => ({ url: new URL(response.url()).pathname, raw: body.length, gzip: gzipSync(body).length }),
          () => null,
        ),
      );
    });
    const response = await page.goto(path, { waitUntil: 'load' });
    loaded = true;
    if (!response || response.status() !== 200 || new URL(page.url()).pathname !== path.split('?')[0]) {
      throw new Error(`first-load JS: ${path} answered ${response?.status()} at ${page.url()}`);
    }
    const files = (await Promise.all(scripts)).filter((s): s is { url: string; raw: number; gzip: number } => s !== null);
    return {
      scripts: files.length,
      rawBytes: files.reduce((sum, f) => sum + f.raw, 0),
      gzipBytes: files.reduce((sum, f) => sum + f.gzip, 0),
      files: files.map((f) => ({ url: f.url, gzipBytes: f.gzip })),
    };
  } finally {
    await context.close();
  }
}

export type LcpRun = { lcpMs: number; element: string; ttfbMs: number; fcpMs: number };

/** Largest Contentful Paint of cold visits (new context each time), with time to first byte and FCP. */
export async function largestContentfulPaint(
  browser: Browser,
  origin: string,
  path: string,
  cookies: readonly Cookie[],
  runs: number,
): Promise<{ medianMs: number; runs: LcpRun[] }> {
  const results: LcpRun[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await freshContext(browser, origin, cookies);
    try {
      const page = await context.newPage();
      await page.goto(path, { waitUntil: 'load' });
      const run = await page.evaluate(
        () =>
          new Promise<{ lcpMs: number; element: string; ttfbMs: number; fcpMs: number }>((resolve) => {
            let lcp = Number.NaN;
            let element = '';
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as (PerformanceEntry & { element?: Element | null })[]) {
                lcp = entry.startTime;
                const el = entry.element;
                element = el ? `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}: ${(el.textContent ?? '').trim().slice(0, 40)}` : '';
              }
            }).observe({ type: 'largest-contentful-paint', buffered: true });
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
            const fcp = performance.getEntriesByName('first-contentful-paint')[0];
            // LCP entries are delivered asynchronously: give the observer a moment after load.
            setTimeout(() => resolve({ lcpMs: lcp, element, ttfbMs: nav?.responseStart ?? Number.NaN, fcpMs: fcp?.startTime ?? Number.NaN }), 500);
          }),
      );
      results.push({ lcpMs: round(run.lcpMs), element: run.element, ttfbMs: round(run.ttfbMs), fcpMs: round(run.fcpMs) });
    } finally {
      await context.close();
    }
  }
  return { medianMs: round(median(results.map((r) => r.lcpMs))), runs: results };
}

/**
 * Runs in the page (kept as plain JavaScript text: the bundler's helpers do not exist there). Clicks
 * the switch and resolves when the dialog's warning is in the DOM and visible, then at the next frame.
 */
const CLICK_TO_WARNING = `(id) => new Promise((resolve, reject) => {
  const button = document.querySelector('[data-testid="' + id + '"]');
  if (!button) return reject(new Error('no ' + id));
  let started = 0;
  let seen = false;
  const observer = new MutationObserver(() => {
    const warning = document.querySelector('[data-testid="change-warning"]');
    if (seen || !warning || !warning.checkVisibility() || warning.getBoundingClientRect().height === 0) return;
    seen = true;
    const visibleMs = performance.now() - started;
    observer.disconnect();
    requestAnimationFrame(() => resolve({ visibleMs, frameMs: performance.now() - started }));
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  setTimeout(() => { observer.disconnect(); reject(new Error('no warning within 10 s')); }, 10000);
  started = performance.now();
  button.click();
})`;

/**
 * From dispatching a click on a non-safe switch to its dialog's warning being visible, measured in the
 * page (performance.now(), MutationObserver), and to the next animation frame after that.
 */
export async function clickToWarning(
  browser: Browser,
  origin: string,
  path: string,
  cookies: readonly Cookie[],
  switchTestId: string,
  runs: number,
): Promise<{ medianMs: number; medianFrameMs: number; runs: { visibleMs: number; frameMs: number }[] }> {
  const context = await freshContext(browser, origin, cookies);
  try {
    const page = await context.newPage();
    await page.goto(path, { waitUntil: 'load' });
    const toggle = page.getByTestId(switchTestId);
    await toggle.waitFor();
    // Hydrated: the switch is enabled once React handles its clicks.
    await page.waitForFunction((id) => !(document.querySelector(`[data-testid="${id}"]`) as HTMLButtonElement | null)?.disabled, switchTestId);
    const results: { visibleMs: number; frameMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const run = (await page.evaluate(`(${CLICK_TO_WARNING})(${JSON.stringify(switchTestId)})`)) as { visibleMs: number; frameMs: number };
      results.push({ visibleMs: round(run.visibleMs, 2), frameMs: round(run.frameMs, 2) });
      await page.keyboard.press('Escape');
      await page.getByTestId('change-dialog').waitFor({ state: 'detached' });
    }
    return {
      medianMs: round(median(results.map((r) => r.visibleMs)), 2),
      medianFrameMs: round(median(results.map((r) => r.frameMs)), 2),
      runs: results,
    };
  } finally {
    await context.close();
  }
}
