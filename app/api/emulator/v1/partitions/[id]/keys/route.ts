import { authorizeClientCall, hsmClient, hsmErrorResponse } from '@/lib/hsm/emulator/client-rest';

export const dynamic = 'force-dynamic';

/** GET …/keys?clientId=… : the keys a client identity sees (binned keys are invisible). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = authorizeClientCall(request);
  if (denied) return denied;
  const clientId = new URL(request.url).searchParams.get('clientId') ?? '';
  try {
    const keys = await (await hsmClient()).listKeys((await params).id, clientId);
    return Response.json({ keys });
  } catch (error) {
    return hsmErrorResponse(error);
  }
}
