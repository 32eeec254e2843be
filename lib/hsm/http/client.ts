import type { HsmClientApi, KeyObject, NewKeySpec } from '../types';
import { fromBase64, toBase64 } from '../rest/bodies';
import { toSearchParams } from '../rest/query';
import type { HsmTransport } from './transport';

const seg = encodeURIComponent;

/**
 * The client face over the emulator's REST API. Key uses (sign, verify, encrypt, decrypt, export,
 * wrap, derive) change nothing and are retried like reads; creating, importing, unwrapping, renaming
 * and deleting keys are sent once, each with its own Idempotency-Key.
 */
export class HttpClientApi implements HsmClientApi {
  constructor(private readonly http: HsmTransport) {}

  private key(partitionId: string, keyId: string, operation?: string): string {
    return `/v1/partitions/${seg(partitionId)}/keys/${seg(keyId)}${operation ? `/${operation}` : ''}`;
  }

  private async use<T>(path: string, body: unknown): Promise<T> {
    return (await this.http.read('POST', path, { body })).body as T;
  }

  async listKeys(partitionId: string, clientId: string): Promise<KeyObject[]> {
    const reply = await this.http.read('GET', `/v1/partitions/${seg(partitionId)}/keys`, { query: toSearchParams({ clientId }) });
    return (reply.body as { keys: KeyObject[] }).keys;
  }

  async createKey(partitionId: string, clientId: string, spec: NewKeySpec): Promise<KeyObject> {
    return (await this.http.mutate('POST', `/v1/partitions/${seg(partitionId)}/keys`, { body: { clientId, spec } })).body as KeyObject;
  }

  async importKey(partitionId: string, clientId: string, spec: NewKeySpec, material: Uint8Array): Promise<KeyObject> {
    const body = { clientId, spec, material: toBase64(material) };
    return (await this.http.mutate('POST', `/v1/partitions/${seg(partitionId)}/keys/import`, { body })).body as KeyObject;
  }

  async unwrapKey(partitionId: string, clientId: string, wrappingKeyId: string, wrapped: Uint8Array, spec: NewKeySpec): Promise<KeyObject> {
    const body = { clientId, wrappingKeyId, wrapped: toBase64(wrapped), spec };
    return (await this.http.mutate('POST', `/v1/partitions/${seg(partitionId)}/keys/unwrap`, { body })).body as KeyObject;
  }

  async modifyKey(partitionId: string, clientId: string, keyId: string, change: { label: string }): Promise<KeyObject> {
    return (await this.http.mutate('PATCH', this.key(partitionId, keyId), { body: { clientId, label: change.label } })).body as KeyObject;
  }

  async deleteKey(partitionId: string, clientId: string, keyId: string): Promise<{ effect: 'invalidated' | 'destroyed' }> {
    const reply = await this.http.mutate('DELETE', this.key(partitionId, keyId), { query: toSearchParams({ clientId }) });
    return reply.body as { effect: 'invalidated' | 'destroyed' };
  }

  async createSessionObject(partitionId: string, clientId: string, spec: NewKeySpec): Promise<{ handle: string }> {
    return (await this.http.mutate('POST', `/v1/partitions/${seg(partitionId)}/session-objects`, { body: { clientId, spec } })).body as { handle: string };
  }

  async sign(partitionId: string, clientId: string, keyId: string, data: Uint8Array): Promise<Uint8Array> {
    const body = await this.use<{ signature: string }>(this.key(partitionId, keyId, 'sign'), { clientId, data: toBase64(data) });
    return fromBase64(body.signature);
  }

  async verify(partitionId: string, clientId: string, keyId: string, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
    const body = await this.use<{ valid: boolean }>(this.key(partitionId, keyId, 'verify'), {
      clientId,
      data: toBase64(data),
      signature: toBase64(signature),
    });
    return body.valid === true;
  }

  async encrypt(partitionId: string, clientId: string, keyId: string, plaintext: Uint8Array): Promise<Uint8Array> {
    const body = await this.use<{ ciphertext: string }>(this.key(partitionId, keyId, 'encrypt'), { clientId, data: toBase64(plaintext) });
    return fromBase64(body.ciphertext);
  }

  async decrypt(partitionId: string, clientId: string, keyId: string, ciphertext: Uint8Array): Promise<Uint8Array> {
    const body = await this.use<{ plaintext: string }>(this.key(partitionId, keyId, 'decrypt'), { clientId, data: toBase64(ciphertext) });
    return fromBase64(body.plaintext);
  }

  async exportKey(partitionId: string, clientId: string, keyId: string): Promise<Uint8Array> {
    return fromBase64((await this.use<{ material: string }>(this.key(partitionId, keyId, 'export'), { clientId })).material);
  }

  async wrapKey(partitionId: string, clientId: string, wrappingKeyId: string, keyId: string): Promise<Uint8Array> {
    const body = await this.use<{ wrapped: string }>(this.key(partitionId, wrappingKeyId, 'wrap'), { clientId, targetKeyId: keyId });
    return fromBase64(body.wrapped);
  }

  async derive(partitionId: string, clientId: string, keyId: string, info: Uint8Array): Promise<Uint8Array> {
    return fromBase64((await this.use<{ derived: string }>(this.key(partitionId, keyId, 'derive'), { clientId, info: toBase64(info) })).derived);
  }
}
