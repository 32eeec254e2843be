import { describe, expect, it } from 'vitest';
import { partitionQuerySchema } from '@/lib/schemas/partition-query';

describe('partitions list URL parameters', () => {
  it('"All tenants" (an empty tenant) is no filter, so a search across tenants finds partitions', () => {
    expect(partitionQuerySchema.parse({ q: 'payments-dr', tenant: '' })).toEqual({ q: 'payments-dr', tenant: undefined });
    expect(partitionQuerySchema.parse({ tenant: 'acme' }).tenant).toBe('acme');
  });
});
