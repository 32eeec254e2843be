export type ErrorCode = 'unauthenticated' | 'forbidden' | 'not-found' | 'invalid' | 'conflict' | 'unavailable' | 'failed';

export type Failure<E = never> = {
  ok: false;
  code: ErrorCode;
  /** A sentence for the user: never a stack, a secret or key material. */
  error: string;
  fieldErrors?: Record<string, string[]>;
  details?: E;
};

export type Result<T, E = never> = { ok: true; data: T } | Failure<E>;

export function ok<T>(data: T): { ok: true; data: T } {
  return { ok: true, data };
}

export function fail<E = never>(code: ErrorCode, error: string, extra?: Partial<Failure<E>>): Failure<E> {
  return { ok: false, code, error, ...extra };
}
