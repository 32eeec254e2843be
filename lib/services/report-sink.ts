import { createHash } from 'node:crypto';
import type { Queryable } from '@/lib/db/driver';
import type { ByteSink } from '@/lib/reports/writer';
import { insertChunk } from './report-store';

export const CHUNK_BYTES = 64 * 1024;

/**
 * Collects a writer's output into 64 KiB chunks stored as they fill: memory holds at most one chunk
 * plus whatever the writer pushed since its last `drain()`.
 */
export class ChunkSink implements ByteSink {
  private parts: Buffer[] = [];
  private size = 0;
  private seq = 0;
  private written = 0;
  private pending: Promise<void> = Promise.resolve();
  private readonly hash = createHash('sha256');
  private failed: unknown = null;

  constructor(
    private readonly db: Queryable,
    private readonly reportId: string,
  ) {}

  push(data: string | Uint8Array): void {
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    this.parts.push(buffer);
    this.size += buffer.length;
    while (this.size >= CHUNK_BYTES) this.flush(CHUNK_BYTES);
  }

  private flush(bytes: number): void {
    const all = Buffer.concat(this.parts);
    const chunk = all.subarray(0, bytes);
    const rest = all.subarray(bytes);
    this.parts = rest.length > 0 ? [Buffer.from(rest)] : [];
    this.size = rest.length;
    const seq = this.seq++;
    this.written += chunk.length;
    const copy = Buffer.from(chunk);
    this.hash.update(copy);
    this.pending = this.pending.then(
      () => insertChunk(this.db, this.reportId, seq, copy),
      (error: unknown) => {
        this.failed ??= error;
      },
    );
  }

  async drain(): Promise<void> {
    await this.pending.catch((error: unknown) => {
      this.failed ??= error;
    });
    if (this.failed) throw this.failed;
  }

  /**
   * Stores what is left; returns the size, chunk count and SHA-256 of the chunks as stored (hashed
   * from the very buffers written, in order; reading 10,000 partitions' report back to hash it cost
   * as much as writing it).
   */
  async close(): Promise<{ bytes: number; chunks: number; digest: Buffer }> {
    if (this.size > 0) this.flush(this.size);
    await this.drain();
    return { bytes: this.written, chunks: this.seq, digest: this.hash.digest() };
  }
}
