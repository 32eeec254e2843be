import { z } from 'zod';

/** Request bodies of the emulator's REST API, zod-validated by the server (400 on anything else). */

const Id = z.string().min(1).max(200);
const Actor = z.string().min(1).max(300);
/** Standard base64, at most ~1 MB of data. */
export const Base64 = z.string().max(1_400_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

export const IdempotencyKey = z.string().min(8).max(300).regex(/^[\x21-\x7e]+$/, 'printable ASCII only');

export const PolicyChangeBody = z.strictObject({
  value: z.boolean(),
  expectedVersion: z.number().int().min(0).max(2_147_483_647),
  actor: Actor,
});

export const BinChangeBody = z.strictObject({
  keyIds: z.array(Id).min(1).max(1000),
  actor: Actor,
});

export const SignDigestBody = z.strictObject({ digest: Base64 });

export const NewKeySpecSchema = z.strictObject({
  label: z.string().max(200),
  type: z.enum(['AES', 'RSA', 'EC']),
  size: z.number().int().min(1).max(16384),
  extractable: z.boolean().optional(),
  sensitive: z.boolean().optional(),
  modifiable: z.boolean().optional(),
  destroyable: z.boolean().optional(),
});

const ClientId = { clientId: Id };

export const CreateKeyBody = z.strictObject({ ...ClientId, spec: NewKeySpecSchema });
export const ImportKeyBody = z.strictObject({ ...ClientId, spec: NewKeySpecSchema, material: Base64 });
export const UnwrapKeyBody = z.strictObject({ ...ClientId, wrappingKeyId: Id, wrapped: Base64, spec: NewKeySpecSchema });
export const ModifyKeyBody = z.strictObject({ ...ClientId, label: z.string().max(200) });
export const ClientOnlyBody = z.strictObject(ClientId);
export const DataBody = z.strictObject({ ...ClientId, data: Base64 });
export const VerifyKeyBody = z.strictObject({ ...ClientId, data: Base64, signature: Base64 });
export const WrapKeyBody = z.strictObject({ ...ClientId, targetKeyId: Id });
export const DeriveBody = z.strictObject({ ...ClientId, info: Base64 });

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}
