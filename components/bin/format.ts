/** Bytes in the units operators read on a capacity report: 288 B, 2.3 KiB, 1.9 MiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString('en-US')} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KiB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB`;
}

export function formatShare(share: number): string {
  const percent = share * 100;
  return `${percent > 0 && percent < 1 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** "AES-256 secret key", "EC-256 private key". */
export function keyKind(key: { type: string; size: number; keyClass: string }): string {
  return `${key.type}-${key.size} ${key.keyClass}`;
}
