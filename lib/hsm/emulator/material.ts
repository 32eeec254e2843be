import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  sign as cryptoSign,
  verify as cryptoVerify,
  constants,
  type KeyObject as CryptoKey,
} from 'node:crypto';
import type { KeyClass } from '@/lib/policy';
import { HsmError, type KeyType } from '../types';

/** Real key material, made with node:crypto. Private keys are PKCS#8 DER, public keys SPKI DER. */
export type PairMaterial = { privateDer: Buffer; publicDer: Buffer };

export function generateSecret(size: number): Buffer {
  return randomBytes(size / 8);
}

export function generatePair(type: KeyType, size: number): PairMaterial {
  const options =
    type === 'RSA'
      ? ({ modulusLength: size } as const)
      : ({ namedCurve: size === 384 ? 'P-384' : size === 521 ? 'P-521' : 'P-256' } as const);
  const pair =
    type === 'RSA' ? generateKeyPairSync('rsa', options as { modulusLength: number }) : generateKeyPairSync('ec', options as { namedCurve: string });
  return {
    privateDer: pair.privateKey.export({ format: 'der', type: 'pkcs8' }),
    publicDer: pair.publicKey.export({ format: 'der', type: 'spki' }),
  };
}

function privateKey(der: Uint8Array): CryptoKey {
  return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
}

function publicKey(keyClass: KeyClass, der: Uint8Array): CryptoKey {
  return keyClass === 'private'
    ? createPublicKey(privateKey(der))
    : createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
}

function unsupported(what: string): never {
  throw new HsmError('INVALID_REQUEST', `This key type does not support ${what}.`);
}

export function signWith(type: KeyType, keyClass: KeyClass, der: Uint8Array, data: Uint8Array): Uint8Array {
  if (type === 'AES' || keyClass !== 'private') unsupported('sign');
  return cryptoSign('sha256', data, privateKey(der));
}

export function verifyWith(
  type: KeyType,
  keyClass: KeyClass,
  der: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (type === 'AES') unsupported('verify');
  return cryptoVerify('sha256', data, publicKey(keyClass, der), signature);
}

export function encryptWith(type: KeyType, keyClass: KeyClass, der: Uint8Array, plaintext: Uint8Array): Uint8Array {
  if (type === 'AES') {
    const iv = randomBytes(12);
    const cipher = createCipheriv(`aes-${der.length * 8}-gcm` as 'aes-256-gcm', der, iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }
  if (type === 'RSA') {
    return publicEncrypt({ key: publicKey(keyClass, der), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, plaintext);
  }
  return unsupported('encrypt');
}

export function decryptWith(type: KeyType, keyClass: KeyClass, der: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  if (type === 'AES') {
    const data = Buffer.from(ciphertext);
    const decipher = createDecipheriv(`aes-${der.length * 8}-gcm` as 'aes-256-gcm', der, data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]);
    } catch {
      throw new HsmError('INVALID_REQUEST', 'The ciphertext does not decrypt with this key.');
    }
  }
  if (type === 'RSA' && keyClass === 'private') {
    return privateDecrypt({ key: privateKey(der), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, ciphertext);
  }
  return unsupported('decrypt');
}

/** Space a key object takes in the partition, in bytes (material plus attribute overhead). */
export function objectBytes(type: KeyType, size: number, keyClass: KeyClass): number {
  const overhead = 256;
  if (type === 'AES') return overhead + size / 8;
  if (type === 'RSA') return overhead + (keyClass === 'private' ? Math.round(size * 0.6) : Math.round(size / 8) + 38);
  return overhead + (keyClass === 'private' ? 138 : 91);
}
