import { HsmError, type HsmErrorCode } from '../types';

/**
 * How an HsmError crosses the wire: the emulator server answers with the status below and a body
 * `{ code, error, reasons }`; the http backend turns that back into the same HsmError. Both sides
 * import this table, so they never disagree.
 */
export const STATUS_OF_CODE: Record<HsmErrorCode, number> = {
  INVALID_REQUEST: 400,
  DENIED: 403,
  NOT_FOUND: 404,
  LABEL_CONFLICT: 409,
  CAPACITY_EXCEEDED: 422,
  UNAVAILABLE: 503,
};

export const HSM_ERROR_CODES = Object.keys(STATUS_OF_CODE) as HsmErrorCode[];

export type ErrorBody = { code: HsmErrorCode | 'UNAUTHORIZED' | 'INTERNAL'; error: string; reasons?: unknown[] };

export function errorBody(error: HsmError): ErrorBody {
  return { code: error.code, error: error.message, reasons: error.reasons };
}

function isCode(value: unknown): value is HsmErrorCode {
  return typeof value === 'string' && (HSM_ERROR_CODES as string[]).includes(value);
}

function reasonsOf(value: unknown): HsmError['reasons'] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (r): r is HsmError['reasons'][number] =>
      typeof r === 'object' && r !== null && typeof (r as { code?: unknown }).code === 'string' && typeof (r as { message?: unknown }).message === 'string',
  );
}

/**
 * The HsmError for a non-2xx answer. Anything the console cannot be sure about (5xx, an unreadable
 * body) is UNAVAILABLE: for a mutation that means "may or may not have applied", never "failed".
 */
export function errorFromResponse(status: number, body: unknown): HsmError {
  const fields = typeof body === 'object' && body !== null ? (body as { code?: unknown; error?: unknown; reasons?: unknown }) : {};
  const message = typeof fields.error === 'string' ? fields.error.slice(0, 500) : `HTTP ${status}`;
  if (status >= 500) return new HsmError('UNAVAILABLE', `The HSM answered ${status}: ${message}`);
  if (status === 401) return new HsmError('DENIED', "The HSM refused the console's credentials (check HSM_TOKEN).");
  if (isCode(fields.code) && fields.code !== 'UNAVAILABLE') return new HsmError(fields.code, message, reasonsOf(fields.reasons));
  // A 4xx is a definite refusal: the request was not carried out.
  return new HsmError('INVALID_REQUEST', `The HSM refused the request (HTTP ${status}): ${message}`);
}
