import { contentDisposition } from '@/lib/reports/filename';
import type { Queryable } from '@/lib/db/driver';
import { readChunk, type ReportRecord } from '@/lib/services/report-store';

/** Streams a stored report chunk by chunk: the server never holds the whole file. */
export function reportFileResponse(db: Queryable, report: ReportRecord): Response {
  let seq = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = seq < (report.chunkCount ?? 0) ? await readChunk(db, report.id, seq++) : null;
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const headers: Record<string, string> = {
    'content-type': report.contentType,
    'content-disposition': contentDisposition(report.fileName),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  };
  if (report.byteSize !== null) headers['content-length'] = String(report.byteSize);
  if (report.digest) headers['repr-digest'] = `sha-256=:${Buffer.from(report.digest, 'hex').toString('base64')}:`;
  return new Response(body, { headers });
}

export function bytesResponse(bytes: Uint8Array, fileName: string, contentType: string): Response {
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': contentType,
      'content-disposition': contentDisposition(fileName),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

export function failureResponse(code: string, error: string): Response {
  const status = code === 'not-found' ? 404 : code === 'conflict' ? 409 : code === 'forbidden' ? 403 : 400;
  return Response.json({ error }, { status });
}
