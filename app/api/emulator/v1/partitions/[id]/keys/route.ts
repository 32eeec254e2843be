import { authorizeClientCall, hsmClient, hsmErrorResponse, invalidIdentifiers } from '@/lib/hsm/emulator/client-rest';

export const dynamic = 'force-dynamic';

/** GET …/keys?clientId=… : the keys a client identity sees (binned keys are invisible). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = authorizeClientCall(request);
  if (denied) return denied;
  const clientId = new URL(request.url).searchParams.get('clientId') ?? '';
  const { id } = await params;
  const malformed = invalidIdentifiers(id, clientId);
  if (malformed) return malformed;
  try {
    const keys = await (await hsmClient()).listKeys(id, clientId);
    return Response.json({ keys });
  } catch (error) {
    return hsmErrorResponse(error);
  }
}
