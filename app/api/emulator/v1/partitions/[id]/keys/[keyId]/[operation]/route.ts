import { authorizeClientCall, hsmClient, hsmErrorResponse, invalidIdentifiers, SignBody, VerifyBody } from '@/lib/hsm/emulator/client-rest';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; keyId: string; operation: string }> };

/** POST …/keys/{keyId}/sign {clientId, data} and …/verify {clientId, data, signature}; base64 bodies. */
export async function POST(request: Request, { params }: Params) {
  const denied = authorizeClientCall(request);
  if (denied) return denied;
  const { id, keyId, operation } = await params;
  const malformed = invalidIdentifiers(id, keyId);
  if (malformed) return malformed;
  const body: unknown = await request.json().catch(() => null);
  try {
    const client = await hsmClient();
    if (operation === 'sign') {
      const input = SignBody.safeParse(body);
      if (!input.success) return Response.json({ code: 'INVALID_REQUEST', error: 'Expected {clientId, data}.' }, { status: 400 });
      const signature = await client.sign(id, input.data.clientId, keyId, Buffer.from(input.data.data, 'base64'));
      return Response.json({ signature: Buffer.from(signature).toString('base64') });
    }
    if (operation === 'verify') {
      const input = VerifyBody.safeParse(body);
      if (!input.success) return Response.json({ code: 'INVALID_REQUEST', error: 'Expected {clientId, data, signature}.' }, { status: 400 });
      const valid = await client.verify(
        id,
        input.data.clientId,
        keyId,
        Buffer.from(input.data.data, 'base64'),
        Buffer.from(input.data.signature, 'base64'),
      );
      return Response.json({ valid });
    }
    return Response.json({ code: 'NOT_FOUND', error: 'Unknown operation.' }, { status: 404 });
  } catch (error) {
    return hsmErrorResponse(error);
  }
}
