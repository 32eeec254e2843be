/**
 * A Content-Disposition header that survives non-ASCII names: an ASCII fallback in `filename`
 * and the exact UTF-8 name in `filename*` (RFC 6266 / RFC 5987), which every current browser prefers.
 */
export function contentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\;%]/g, '_') || 'download';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A file name from free text (scope labels hold tenant and partition names): keeps letters of any script. */
export function safeFileName(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '-')
      .replace(/\s+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 80) || 'report'
  );
}
