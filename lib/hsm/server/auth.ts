import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Bearer-token check in constant time: both sides are hashed first, so neither the token's length
 * nor its bytes leak through timing.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(header ?? '');
  const given = createHash('sha256').update(match?.[1] ?? '').digest();
  const want = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, want) && match !== null;
}
