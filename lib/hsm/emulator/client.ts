import { createPrivateKey, createPublicKey, hkdfSync, randomUUID } from 'node:crypto';
import type { Database, Queryable } from '@/lib/db/driver';
import { deleteEffect, evaluate, type KeyClass, type Operation, type PartitionPolicy } from '@/lib/policy';
import { HsmError, type HsmClientApi, type KeyObject, type NewKeySpec } from '../types';
import {
  decryptWith,
  encryptWith,
  generatePair,
  generateSecret,
  objectBytes,
  signWith,
  verifyWith,
} from './material';
import { attributesOf, keyObjectOf, type KeyRow, PARTITION_SELECT, type PartitionRow, policyOf } from './rows';

const VALID_SIZES: Record<NewKeySpec['type'], number[]> = { AES: [128, 192, 256], RSA: [2048, 3072, 4096], EC: [256, 384, 521] };

/** The client face of the emulated cluster: every call is checked by the policy model first. */
export class EmulatorClient implements HsmClientApi {
  constructor(private readonly db: Database) {}

  private async context(q: Queryable, partitionId: string, clientId: string): Promise<{ partition: PartitionRow; policy: PartitionPolicy }> {
    const [partition] = await q.query<PartitionRow>(`${PARTITION_SELECT} WHERE p.id = $1`, [partitionId]);
    if (!partition) throw new HsmError('NOT_FOUND', 'No such partition.');
    const [client] = await q.query('SELECT 1 FROM hsm.clients WHERE id = $1 AND partition_id = $2', [clientId, partitionId]);
    if (!client) throw new HsmError('NOT_FOUND', 'Unknown client identity for this partition.');
    return { partition, policy: policyOf(partition) };
  }

  private async liveKey(q: Queryable, partitionId: string, keyId: string): Promise<KeyRow> {
    const [key] = await q.query<KeyRow>(
      "SELECT * FROM hsm.keys WHERE id = $1 AND partition_id = $2 AND state = 'active'",
      [keyId, partitionId],
    );
    // A binned key looks deleted to every client.
    if (!key) throw new HsmError('NOT_FOUND', 'No such key.');
    return key;
  }

  private enforce(policy: PartitionPolicy, key: KeyRow | null, operation: Operation): void {
    const decision = evaluate(policy, key ? attributesOf(key) : null, operation);
    if (!decision.allowed) throw new HsmError('DENIED', decision.reasons[0].message, decision.reasons);
  }

  /** Loads a key's material, generating the key (or its pair) on first use. */
  private async material(key: KeyRow): Promise<Uint8Array> {
    if (key.material) return key.material;
    if (key.type === 'AES') {
      await this.db.query('UPDATE hsm.keys SET material = $2 WHERE id = $1 AND material IS NULL', [key.id, generateSecret(key.size)]);
    } else {
      const pair = generatePair(key.type, key.size);
      await this.db.transaction(async (tx) => {
        const group = key.pair_id ?? key.id;
        await tx.query(
          "UPDATE hsm.keys SET material = CASE WHEN key_class = 'private' THEN $2::bytea ELSE $3::bytea END WHERE (pair_id = $1 OR id = $1) AND material IS NULL",
          [group, pair.privateDer, pair.publicDer],
        );
      });
    }
    const [fresh] = await this.db.query<{ material: Uint8Array | null }>('SELECT material FROM hsm.keys WHERE id = $1', [key.id]);
    if (!fresh?.material) throw new HsmError('NOT_FOUND', 'No such key.');
    return fresh.material;
  }

  private async useKey(partitionId: string, clientId: string, keyId: string, operation: Operation) {
    const { policy } = await this.context(this.db, partitionId, clientId);
    const key = await this.liveKey(this.db, partitionId, keyId);
    this.enforce(policy, key, operation);
    return { key, material: await this.material(key) };
  }

  async listKeys(partitionId: string, clientId: string): Promise<KeyObject[]> {
    const { policy } = await this.context(this.db, partitionId, clientId);
    this.enforce(policy, null, 'list');
    const rows = await this.db.query<KeyRow>(
      "SELECT * FROM hsm.keys WHERE partition_id = $1 AND state = 'active' ORDER BY label, key_class",
      [partitionId],
    );
    return rows.map(keyObjectOf);
  }

  async createKey(partitionId: string, clientId: string, spec: NewKeySpec): Promise<KeyObject> {
    return this.insertKey(partitionId, clientId, spec, 'create', null);
  }

  async importKey(partitionId: string, clientId: string, spec: NewKeySpec, material: Uint8Array): Promise<KeyObject> {
    return this.insertKey(partitionId, clientId, spec, 'importPlain', materialFor(spec, material));
  }

  async wrapKey(partitionId: string, clientId: string, wrappingKeyId: string, keyId: string): Promise<Uint8Array> {
    const { policy } = await this.context(this.db, partitionId, clientId);
    const target = await this.liveKey(this.db, partitionId, keyId);
    this.enforce(policy, target, 'wrap');
    const wrapping = await this.liveKey(this.db, partitionId, wrappingKeyId);
    if (wrapping.type !== 'AES') throw new HsmError('INVALID_REQUEST', 'The wrapping key must be an AES key.');
    return encryptWith('AES', 'secret', await this.material(wrapping), await this.material(target));
  }

  async unwrapKey(partitionId: string, clientId: string, wrappingKeyId: string, wrapped: Uint8Array, spec: NewKeySpec): Promise<KeyObject> {
    const { policy } = await this.context(this.db, partitionId, clientId);
    this.enforce(policy, null, 'unwrap');
    const wrapping = await this.liveKey(this.db, partitionId, wrappingKeyId);
    if (wrapping.type !== 'AES') throw new HsmError('INVALID_REQUEST', 'The wrapping key must be an AES key.');
    const material = decryptWith('AES', 'secret', await this.material(wrapping), wrapped);
    return this.insertKey(partitionId, clientId, spec, 'unwrap', materialFor(spec, material));
  }

  async modifyKey(partitionId: string, clientId: string, keyId: string, change: { label: string }): Promise<KeyObject> {
    if (!change.label.trim()) throw new HsmError('INVALID_REQUEST', 'A key needs a label.');
    return this.db.transaction(async (tx) => {
      const { policy } = await this.context(tx, partitionId, clientId);
      const key = await this.liveKey(tx, partitionId, keyId);
      this.enforce(policy, key, 'modify');
      const [holder] = await tx.query<{ id: string }>(
        'SELECT id FROM hsm.keys WHERE partition_id = $1 AND label = $2 AND id <> $3 AND (pair_id IS NULL OR pair_id <> $4) LIMIT 1',
        [partitionId, change.label, keyId, key.pair_id ?? ''],
      );
      if (holder) throw new HsmError('LABEL_CONFLICT', `The label "${change.label}" is already used by key ${holder.id}.`);
      const [row] = await tx.query<KeyRow>('UPDATE hsm.keys SET label = $2 WHERE id = $1 RETURNING *', [keyId, change.label]);
      if (!row) throw new HsmError('NOT_FOUND', 'No such key.');
      return keyObjectOf(row);
    });
  }

  async derive(partitionId: string, clientId: string, keyId: string, info: Uint8Array): Promise<Uint8Array> {
    const { key, material } = await this.useKey(partitionId, clientId, keyId, 'derive');
    if (key.type !== 'AES') throw new HsmError('INVALID_REQUEST', 'This key type does not support derive.');
    return new Uint8Array(hkdfSync('sha256', material, new Uint8Array(0), info, 32));
  }

  async createSessionObject(partitionId: string, clientId: string, spec: NewKeySpec): Promise<{ handle: string }> {
    const { policy } = await this.context(this.db, partitionId, clientId);
    this.enforce(policy, null, 'createSessionObject');
    if (!VALID_SIZES[spec.type]?.includes(spec.size)) {
      throw new HsmError('INVALID_REQUEST', `${spec.type} keys of ${spec.size} bits are not supported.`);
    }
    return { handle: `session_${randomUUID()}` };
  }

  private async insertKey(
    partitionId: string,
    clientId: string,
    spec: NewKeySpec,
    operation: 'create' | 'importPlain' | 'unwrap',
    material: { secret: Uint8Array } | { privateDer: Uint8Array; publicDer: Uint8Array } | null,
  ): Promise<KeyObject> {
    if (!VALID_SIZES[spec.type]?.includes(spec.size)) {
      throw new HsmError('INVALID_REQUEST', `${spec.type} keys of ${spec.size} bits are not supported.`);
    }
    if (!spec.label.trim()) throw new HsmError('INVALID_REQUEST', 'A key needs a label.');
    return this.db.transaction(async (tx) => {
      // Lock the partition first so capacity and label checks see every concurrent create.
      await tx.query('SELECT 1 FROM hsm.partitions WHERE id = $1 FOR UPDATE', [partitionId]);
      const { partition, policy } = await this.context(tx, partitionId, clientId);
      this.enforce(policy, null, operation);
      const [holder] = await tx.query<{ id: string; state: string }>(
        'SELECT id, state FROM hsm.keys WHERE partition_id = $1 AND label = $2 LIMIT 1',
        [partitionId, spec.label],
      );
      if (holder) {
        throw new HsmError(
          'LABEL_CONFLICT',
          holder.state === 'binned'
            ? `The label "${spec.label}" is held by key ${holder.id} in the bin: restore or purge it first.`
            : `The label "${spec.label}" is already used by key ${holder.id}.`,
        );
      }
      const classes: KeyClass[] = spec.type === 'AES' ? ['secret'] : ['private', 'public'];
      const objects = classes.map((keyClass) => ({ keyClass, bytes: objectBytes(spec.type, spec.size, keyClass) }));
      const addBytes = objects.reduce((sum, o) => sum + o.bytes, 0);
      if (
        partition.used_objects + objects.length > partition.capacity_objects ||
        Number(partition.used_bytes) + addBytes > Number(partition.capacity_bytes)
      ) {
        throw new HsmError('CAPACITY_EXCEEDED', 'The partition is full.');
      }
      const pairId = classes.length > 1 ? `pair_${randomUUID()}` : null;
      const sensitive = spec.sensitive ?? true;
      const extractable = spec.extractable ?? false;
      let created: KeyRow | undefined;
      for (const { keyClass, bytes } of objects) {
        const isPublic = keyClass === 'public';
        const [row] = await tx.query<KeyRow>(
          `INSERT INTO hsm.keys (id, partition_id, pair_id, label, type, size, key_class, extractable, sensitive, modifiable,
             destroyable, always_sensitive, never_extractable, bytes, material)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
          [
            `key_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
            partitionId,
            pairId,
            spec.label,
            spec.type,
            spec.size,
            keyClass,
            isPublic ? true : extractable,
            isPublic ? false : sensitive,
            spec.modifiable ?? true,
            spec.destroyable ?? true,
            // Imported keys were known outside the HSM: never "always sensitive" or "never extractable".
            operation === 'create' && !isPublic && sensitive,
            operation === 'create' && !isPublic && !extractable,
            bytes,
            material === null ? null : 'secret' in material ? material.secret : isPublic ? material.publicDer : material.privateDer,
          ],
        );
        created ??= row;
      }
      await tx.query(
        'UPDATE hsm.partitions SET key_count = key_count + $2, used_objects = used_objects + $2, used_bytes = used_bytes + $3 WHERE id = $1',
        [partitionId, objects.length, addBytes],
      );
      if (!created) throw new HsmError('INVALID_REQUEST', 'Nothing was created.');
      return keyObjectOf(created);
    });
  }

  async sign(partitionId: string, clientId: string, keyId: string, data: Uint8Array): Promise<Uint8Array> {
    const { key, material } = await this.useKey(partitionId, clientId, keyId, 'sign');
    return signWith(key.type, key.key_class, material, data);
  }

  async verify(partitionId: string, clientId: string, keyId: string, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
    const { key, material } = await this.useKey(partitionId, clientId, keyId, 'verify');
    return verifyWith(key.type, key.key_class, material, data, signature);
  }

  async encrypt(partitionId: string, clientId: string, keyId: string, plaintext: Uint8Array): Promise<Uint8Array> {
    const { key, material } = await this.useKey(partitionId, clientId, keyId, 'encrypt');
    return encryptWith(key.type, key.key_class, material, plaintext);
  }

  async decrypt(partitionId: string, clientId: string, keyId: string, ciphertext: Uint8Array): Promise<Uint8Array> {
    const { key, material } = await this.useKey(partitionId, clientId, keyId, 'decrypt');
    return decryptWith(key.type, key.key_class, material, ciphertext);
  }

  async exportKey(partitionId: string, clientId: string, keyId: string): Promise<Uint8Array> {
    const { material } = await this.useKey(partitionId, clientId, keyId, 'exportPlain');
    return material;
  }

  async deleteKey(partitionId: string, clientId: string, keyId: string): Promise<{ effect: 'invalidated' | 'destroyed' }> {
    return this.db.transaction(async (tx) => {
      const { policy } = await this.context(tx, partitionId, clientId);
      const key = await this.liveKey(tx, partitionId, keyId);
      this.enforce(policy, key, 'delete');
      if (deleteEffect(policy) === 'invalidate') {
        await tx.query("UPDATE hsm.keys SET state = 'binned', binned_at = now(), binned_by = $2 WHERE id = $1", [keyId, clientId]);
        await tx.query('UPDATE hsm.partitions SET key_count = key_count - 1, bin_count = bin_count + 1 WHERE id = $1', [partitionId]);
        return { effect: 'invalidated' as const };
      }
      await tx.query('DELETE FROM hsm.keys WHERE id = $1', [keyId]);
      await tx.query(
        'UPDATE hsm.partitions SET key_count = key_count - 1, used_objects = used_objects - 1, used_bytes = used_bytes - $2 WHERE id = $1',
        [partitionId, key.bytes],
      );
      return { effect: 'destroyed' as const };
    });
  }
}

/** Checks imported material against the declared type and size. */
function materialFor(
  spec: NewKeySpec,
  material: Uint8Array,
): { secret: Uint8Array } | { privateDer: Uint8Array; publicDer: Uint8Array } {
  if (spec.type === 'AES') {
    if (material.length * 8 !== spec.size) throw new HsmError('INVALID_REQUEST', `An AES-${spec.size} key is ${spec.size / 8} bytes.`);
    return { secret: material };
  }
  try {
    const privateKey = createPrivateKey({ key: Buffer.from(material), format: 'der', type: 'pkcs8' });
    if (privateKey.asymmetricKeyType !== spec.type.toLowerCase()) throw new Error('type mismatch');
    return {
      privateDer: material,
      publicDer: createPublicKey(privateKey).export({ format: 'der', type: 'spki' }),
    };
  } catch {
    throw new HsmError('INVALID_REQUEST', `The material is not a PKCS#8 ${spec.type} private key.`);
  }
}
