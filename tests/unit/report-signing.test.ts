import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { privateScalar, signDigestP256 } from '@/lib/hsm/emulator/ecdsa-p256';

describe('ECDSA P-256 over a precomputed SHA-256 digest', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const d = privateScalar(privateKey);

  it('makes DER signatures that node:crypto verifies over the original data', () => {
    for (let i = 0; i < 20; i++) {
      const data = Buffer.from(`report ${i} ${'x'.repeat(i * 13)}`);
      const signature = signDigestP256(d, createHash('sha256').update(data).digest());
      expect(signature[0]).toBe(0x30);
      expect(verify('sha256', data, publicKey, signature)).toBe(true);
      expect(verify('sha256', Buffer.concat([data, Buffer.from('!')]), publicKey, signature)).toBe(false);
    }
  });

  it('refuses anything but a 32-byte digest, and keys other than P-256', () => {
    expect(() => signDigestP256(d, Buffer.alloc(20))).toThrow('SHA-256');
    const other = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    expect(() => privateScalar(other)).toThrow('P-256');
  });
});
