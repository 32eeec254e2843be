import { z } from 'zod';
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
import { ClientIdQuerySchema, searchParamsRecord } from '../rest/query';
import { ok, parse, type Answer, type Route, type RouteKind, type RouteRequest } from './router';

/**
 * The client face over HTTP: what PKCS#11 / JCE / REST applications call. Every call names its
 * client identity; the cluster enforces the partition's policies through `evaluate`.
 */

const EMPTY = z.strictObject({});

type Ids = { partitionId: string; keyId: string };

function route<S extends z.ZodType>(
  method: Route['method'],
  path: string,
  kind: RouteKind,
  schema: S,
  run: (ids: Ids, body: z.output<S>) => Promise<Answer>,
): Route {
  return {
    method,
    path,
    kind,
    handle: async (r: RouteRequest) => {
      const inQuery = method === 'GET' || method === 'DELETE';
      if (!inQuery) parse(EMPTY, searchParamsRecord(r.query), 'query');
      const body = parse(schema, inQuery ? searchParamsRecord(r.query) : r.body, inQuery ? 'query' : 'body');
      return run({ partitionId: r.params.id ?? '', keyId: r.params.keyId ?? '' }, body);
    },
  };
}

export function clientRoutes(client: HsmClientApi): Route[] {
  const keys = '/v1/partitions/:id/keys';
  const key = `${keys}/:keyId`;
  return [
    route('GET', keys, 'read', ClientIdQuerySchema, async (ids, q) => ok({ keys: await client.listKeys(ids.partitionId, q.clientId) })),
    route('POST', keys, 'client-mutation', CreateKeyBody, async (ids, b) => ok(await client.createKey(ids.partitionId, b.clientId, b.spec), 201)),
    route('POST', `${keys}/import`, 'client-mutation', ImportKeyBody, async (ids, b) =>
      ok(await client.importKey(ids.partitionId, b.clientId, b.spec, fromBase64(b.material)), 201),
    ),
    route('POST', `${keys}/unwrap`, 'client-mutation', UnwrapKeyBody, async (ids, b) =>
      ok(await client.unwrapKey(ids.partitionId, b.clientId, b.wrappingKeyId, fromBase64(b.wrapped), b.spec), 201),
    ),
    route('PATCH', key, 'client-mutation', ModifyKeyBody, async (ids, b) =>
      ok(await client.modifyKey(ids.partitionId, b.clientId, ids.keyId, { label: b.label })),
    ),
    route('DELETE', key, 'client-mutation', ClientIdQuerySchema, async (ids, q) => ok(await client.deleteKey(ids.partitionId, q.clientId, ids.keyId))),
    route('POST', `${key}/sign`, 'read', DataBody, async (ids, b) =>
      ok({ signature: toBase64(await client.sign(ids.partitionId, b.clientId, ids.keyId, fromBase64(b.data))) }),
    ),
    route('POST', `${key}/verify`, 'read', VerifyKeyBody, async (ids, b) =>
      ok({ valid: await client.verify(ids.partitionId, b.clientId, ids.keyId, fromBase64(b.data), fromBase64(b.signature)) }),
    ),
    route('POST', `${key}/encrypt`, 'read', DataBody, async (ids, b) =>
      ok({ ciphertext: toBase64(await client.encrypt(ids.partitionId, b.clientId, ids.keyId, fromBase64(b.data))) }),
    ),
    route('POST', `${key}/decrypt`, 'read', DataBody, async (ids, b) =>
      ok({ plaintext: toBase64(await client.decrypt(ids.partitionId, b.clientId, ids.keyId, fromBase64(b.data))) }),
    ),
    route('POST', `${key}/export`, 'read', ClientOnlyBody, async (ids, b) =>
      ok({ material: toBase64(await client.exportKey(ids.partitionId, b.clientId, ids.keyId)) }),
    ),
    route('POST', `${key}/wrap`, 'read', WrapKeyBody, async (ids, b) =>
      ok({ wrapped: toBase64(await client.wrapKey(ids.partitionId, b.clientId, ids.keyId, b.targetKeyId)) }),
    ),
    route('POST', `${key}/derive`, 'read', DeriveBody, async (ids, b) =>
      ok({ derived: toBase64(await client.derive(ids.partitionId, b.clientId, ids.keyId, fromBase64(b.info))) }),
    ),
    route('POST', '/v1/partitions/:id/session-objects', 'client-mutation', CreateKeyBody, async (ids, b) =>
      ok(await client.createSessionObject(ids.partitionId, b.clientId, b.spec), 201),
    ),
  ];
}
