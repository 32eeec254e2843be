import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';

/**
 * ECDSA over P-256 on a precomputed SHA-256 digest, as an HSM's CKM_ECDSA mechanism does: node:crypto
 * only signs messages (it hashes them itself), while the cluster signs a digest the console computed
 * while writing the report. The result is DER-encoded (r, s), the form `openssl dgst -verify` reads.
 *
 * Jacobian coordinates, a fresh random nonce per signature (rejection-sampled in [1, n-1]).
 */
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const GX = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n;
const GY = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n;

type Jacobian = { x: bigint; y: bigint; z: bigint };

const mod = (a: bigint, m: bigint) => {
  const r = a % m;
  return r < 0n ? r + m : r;
};

function invert(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error('not invertible');
  return mod(oldS, m);
}

const INFINITY: Jacobian = { x: 0n, y: 1n, z: 0n };

function double(p: Jacobian): Jacobian {
  if (p.z === 0n || p.y === 0n) return INFINITY;
  // a = -3: M = 3 (X - Z^2)(X + Z^2)
  const zz = mod(p.z * p.z, P);
  const m = mod(3n * (p.x - zz) * (p.x + zz), P);
  const yy = mod(p.y * p.y, P);
  const s = mod(4n * p.x * yy, P);
  const x = mod(m * m - 2n * s, P);
  const y = mod(m * (s - x) - 8n * yy * yy, P);
  const z = mod(2n * p.y * p.z, P);
  return { x, y, z };
}

function add(p: Jacobian, q: Jacobian): Jacobian {
  if (p.z === 0n) return q;
  if (q.z === 0n) return p;
  const pz2 = mod(p.z * p.z, P);
  const qz2 = mod(q.z * q.z, P);
  const u1 = mod(p.x * qz2, P);
  const u2 = mod(q.x * pz2, P);
  const s1 = mod(p.y * qz2 * q.z, P);
  const s2 = mod(q.y * pz2 * p.z, P);
  if (u1 === u2) return s1 === s2 ? double(p) : INFINITY;
  const h = mod(u2 - u1, P);
  const r = mod(s2 - s1, P);
  const hh = mod(h * h, P);
  const hhh = mod(hh * h, P);
  const v = mod(u1 * hh, P);
  const x = mod(r * r - hhh - 2n * v, P);
  const y = mod(r * (v - x) - s1 * hhh, P);
  const z = mod(h * p.z * q.z, P);
  return { x, y, z };
}

function multiplyG(k: bigint): bigint {
  let result = INFINITY;
  let addend: Jacobian = { x: GX, y: GY, z: 1n };
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) result = add(result, addend);
    addend = double(addend);
  }
  const zInv = invert(result.z, P);
  return mod(result.x * zInv * zInv, P);
}

const toBig = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);

function randomScalar(): bigint {
  for (;;) {
    const k = toBig(randomBytes(32));
    if (k > 0n && k < N) return k;
  }
}

function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

/** The private scalar of a P-256 key held as a node:crypto KeyObject or PKCS#8 DER. */
export function privateScalar(key: KeyObject | Uint8Array): bigint {
  const object = key instanceof Uint8Array ? createPrivateKey({ key: Buffer.from(key), format: 'der', type: 'pkcs8' }) : key;
  const jwk = object.export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || !jwk.d) throw new Error('expected a P-256 private key');
  return toBig(Buffer.from(jwk.d, 'base64url'));
}

/** Signs a 32-byte SHA-256 digest; returns the DER `ECDSA-Sig-Value`. */
export function signDigestP256(d: bigint, digest: Uint8Array): Buffer {
  if (digest.length !== 32) throw new Error('expected a SHA-256 digest (32 bytes)');
  const z = toBig(digest);
  for (;;) {
    const k = randomScalar();
    const r = mod(multiplyG(k), N);
    if (r === 0n) continue;
    const s = mod(invert(k, N) * (z + r * d), N);
    if (s === 0n) continue;
    const body = Buffer.concat([derInteger(r), derInteger(s)]);
    return Buffer.concat([Buffer.from([0x30, body.length]), body]);
  }
}
