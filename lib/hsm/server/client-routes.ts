import type { HsmClientApi } from '../types';
import {
  ClientOnlyBody,
  CreateKeyBody,
  DataBody,
  DeriveBody,
  fromBase64,
  ImportKeyBody,
  ModifyKeyBody,
  toBase64,
  UnwrapKeyBody,
  VerifyKeyBody,
  WrapKeyBody,
} from '../rest/bodies';
import { ClientIdQuerySchema } from '../rest/query';
import { ok, route, type Route } from './router';

/**
 * The client face over HTTP: what PKCS#11 / JCE / REST applications call. Every call names its
 * client identity; the cluster enforces the partition's policies through `evaluate` and refuses with
 * 403 and the policy model's reasons. Key uses change nothing (`read`: safe to retry).
 */

const KEYS = '/v1/partitions/:id/keys';
const KEY = `${KEYS}/:keyId`;

export function clientRoutes(client: HsmClientApi): Route[] {
  return [
    route({
      method: 'GET',
      path: KEYS,
      kind: 'read',
      summary: 'The live keys a client identity sees (binned keys look deleted).',
      query: ClientIdQuerySchema,
      responses: { 200: 'KeyList' },
      run: async ({ params, query }) => ok({ keys: await client.listKeys(params.id ?? '', query.clientId) }),
    }),
    route({
      method: 'POST',
      path: KEYS,
      kind: 'client-mutation',
      summary: 'Generates a key (AES) or key pair (RSA, EC) in the partition.',
      body: CreateKeyBody,
      responses: { 201: 'KeyObject' },
      run: async ({ params, body }) => ok(await client.createKey(params.id ?? '', body.clientId, body.spec), 201),
    }),
    route({
      method: 'POST',
      path: `${KEYS}/import`,
      kind: 'client-mutation',
      summary: 'Plain import: AES keys as raw bytes, RSA/EC private keys as PKCS#8 DER (base64). Follows Key Import.',
      body: ImportKeyBody,
      responses: { 201: 'KeyObject' },
      run: async ({ params, body }) => ok(await client.importKey(params.id ?? '', body.clientId, body.spec, fromBase64(body.material)), 201),
    }),
    route({
      method: 'POST',
      path: `${KEYS}/unwrap`,
      kind: 'client-mutation',
      summary: 'Unwraps (AES-GCM) into a new key object. Follows Key Import, not Object Usage.',
      body: UnwrapKeyBody,
      responses: { 201: 'KeyObject' },
      run: async ({ params, body }) =>
        ok(await client.unwrapKey(params.id ?? '', body.clientId, body.wrappingKeyId, fromBase64(body.wrapped), body.spec), 201),
    }),
    route({
      method: 'PATCH',
      path: KEY,
      kind: 'client-mutation',
      summary: 'Renames a key (the label stays unique per partition, binned keys included).',
      body: ModifyKeyBody,
      responses: { 200: 'KeyObject' },
      run: async ({ params, body }) => ok(await client.modifyKey(params.id ?? '', body.clientId, params.keyId ?? '', { label: body.label })),
    }),
    route({
      method: 'DELETE',
      path: KEY,
      kind: 'client-mutation',
      summary: 'Deletes a key: with Key Invalidation it goes to the bin, otherwise it is destroyed.',
      query: ClientIdQuerySchema,
      responses: { 200: 'DeleteResult' },
      run: async ({ params, query }) => ok(await client.deleteKey(params.id ?? '', query.clientId, params.keyId ?? '')),
    }),
    route({
      method: 'POST',
      path: `${KEY}/sign`,
      kind: 'read',
      summary: 'Signs data (ECDSA or RSA PKCS#1 v1.5 over SHA-256).',
      body: DataBody,
      responses: { 200: 'SignResult' },
      run: async ({ params, body }) => ok({ signature: toBase64(await client.sign(params.id ?? '', body.clientId, params.keyId ?? '', fromBase64(body.data))) }),
    }),
    route({
      method: 'POST',
      path: `${KEY}/verify`,
      kind: 'read',
      summary: 'Verifies a signature.',
      body: VerifyKeyBody,
      responses: { 200: 'VerifyResult' },
      run: async ({ params, body }) =>
        ok({ valid: await client.verify(params.id ?? '', body.clientId, params.keyId ?? '', fromBase64(body.data), fromBase64(body.signature)) }),
    }),
    route({
      method: 'POST',
      path: `${KEY}/encrypt`,
      kind: 'read',
      summary: 'Encrypts (AES-GCM, or RSA-OAEP with a public key).',
      body: DataBody,
      responses: { 200: 'EncryptResult' },
      run: async ({ params, body }) =>
        ok({ ciphertext: toBase64(await client.encrypt(params.id ?? '', body.clientId, params.keyId ?? '', fromBase64(body.data))) }),
    }),
    route({
      method: 'POST',
      path: `${KEY}/decrypt`,
      kind: 'read',
      summary: 'Decrypts.',
      body: DataBody,
      responses: { 200: 'DecryptResult' },
      run: async ({ params, body }) =>
        ok({ plaintext: toBase64(await client.decrypt(params.id ?? '', body.clientId, params.keyId ?? '', fromBase64(body.data))) }),
    }),
    route({
      method: 'POST',
      path: `${KEY}/export`,
      kind: 'read',
      summary: 'Plain export of key material. Follows Key Export and the key’s extractable/sensitive attributes.',
      body: ClientOnlyBody,
      responses: { 200: 'ExportResult' },
      run: async ({ params, body }) => ok({ material: toBase64(await client.exportKey(params.id ?? '', body.clientId, params.keyId ?? '')) }),
    }),
    route({
      method: 'POST',
      path: `${KEY}/wrap`,
      kind: 'read',
      summary: 'Wraps `targetKeyId` under this AES key (AES-GCM). Follows Key Export, not Object Usage.',
      body: WrapKeyBody,
      responses: { 200: 'WrapResult' },
      run: async ({ params, body }) =>
        ok({ wrapped: toBase64(await client.wrapKey(params.id ?? '', body.clientId, params.keyId ?? '', body.targetKeyId)) }),
    }),
    route({
      method: 'POST',
      path: `${KEY}/derive`,
      kind: 'read',
      summary: 'Derives a 32-byte session secret (HKDF-SHA256); nothing is stored.',
      body: DeriveBody,
      responses: { 200: 'DeriveResult' },
      run: async ({ params, body }) =>
        ok({ derived: toBase64(await client.derive(params.id ?? '', body.clientId, params.keyId ?? '', fromBase64(body.info))) }),
    }),
    route({
      method: 'POST',
      path: '/v1/partitions/:id/session-objects',
      kind: 'client-mutation',
      summary: 'An ephemeral key for the client session only; nothing is stored in the partition.',
      body: CreateKeyBody,
      responses: { 201: 'SessionObject' },
      run: async ({ params, body }) => ok(await client.createSessionObject(params.id ?? '', body.clientId, body.spec), 201),
    }),
  ];
}
