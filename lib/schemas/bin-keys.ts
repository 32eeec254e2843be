export type BinKeyRef = { partitionId: string; keyId: string };

/**
 * Serializes a selection for the `keys` form field: `partitionId/keyId`, comma-separated. Apart from
 * the schema so that the browser bundle does not carry zod (whose eval probe the CSP reports).
 */
export function binKeysField(keys: readonly BinKeyRef[]): string {
  return keys.map((k) => `${k.partitionId}/${k.keyId}`).join(',');
}
