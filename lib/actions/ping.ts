'use server';

import { z } from 'zod';
import { ok } from '@/lib/services/result';
import { runAction } from './wrapper';

const noInput = z.object({});

/**
 * The authenticated no-op: authenticate, authorize (`session.use`, every role), validate, and nothing
 * else. `npm run bench` times it as the floor of a server action's round trip (policy change <= 3x).
 */
export async function pingAction() {
  return runAction({ name: 'ping', permission: 'session.use', schema: noInput, run: async () => ok(null) }, {});
}
