import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { getContext } from '@/lib/context';
import { STATUS_OF_CODE } from '../rest/errors';
import { isHsmError } from '../types';

/**
 * The embedded emulator's client face over HTTP, for test harnesses and demo clients (PKCS#11/JCE
 * stand-ins). Off unless HSM_EMULATOR_CLIENT_TOKEN is set; callers present it as a bearer token and
 * name their client identity. This is the HSM's own API, not the console's: no console user reaches it.
 */
export function clientApiEnabled(): boolean {
  return Boolean(process.env.HSM_EMULATOR_CLIENT_TOKEN);
}

export function authorizeClientCall(request: Request): Response | null {
  const expected = process.env.HSM_EMULATOR_CLIENT_TOKEN;
  if (!expected) return Response.json({ error: 'Not found' }, { status: 404 });
  const header = request.headers.get('authorization') ?? '';
  const given = Buffer.from(header.replace(/^Bearer\s+/i, ''));
  const want = Buffer.from(expected);
  if (given.length !== want.length || !timingSafeEqual(given, want)) {
    return Response.json({ error: 'Invalid bearer token.' }, { status: 401 });
  }
  return null;
}

export function hsmErrorResponse(error: unknown): Response {
  if (isHsmError(error)) {
    // Same statuses as the standalone emulator's API (UNAVAILABLE: the http backend's cluster did not answer).
    return Response.json({ code: error.code, error: error.message, reasons: error.reasons }, { status: STATUS_OF_CODE[error.code] });
  }
  console.error('[emulator client api]', error);
  return Response.json({ code: 'INTERNAL', error: 'The emulator failed.' }, { status: 500 });
}

const Base64 = z.string().max(1_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** Identifiers in paths, queries and bodies: no control characters (a NUL can never reach the store). */
const IDENT = /^[^\u0000-\u001f\u007f]{1,200}$/;

/** 400 when a partition, key or client identifier is malformed; null when all are fine. */
export function invalidIdentifiers(...values: string[]): Response | null {
  if (values.every((v) => IDENT.test(v))) return null;
  return Response.json({ code: 'INVALID_REQUEST', error: 'Malformed identifier.' }, { status: 400 });
}

export const SignBody = z.object({ clientId: z.string().min(1).max(100).regex(IDENT), data: Base64 });
export const VerifyBody = SignBody.extend({ signature: Base64 });

export async function hsmClient() {
  return (await getContext()).hsm.client;
}
