import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Noto Sans SC (Google Fonts' build, from the npm package @expo-google-fonts/noto-sans-sc): one
 * TrueType font with Latin, Cyrillic, Greek, CJK ideographs and Japanese kana, so partition names in
 * any of those scripts render without a per-character fallback. PDFKit embeds only the glyphs used.
 */
const PACKAGE = '@expo-google-fonts/noto-sans-sc';
const FILES = { regular: '400Regular/NotoSansSC_400Regular.ttf', bold: '700Bold/NotoSansSC_700Bold.ttf' } as const;

export type FontName = keyof typeof FILES;

function locate(file: string): string {
  // The server bundle may not keep require.resolve intact: look in the project's node_modules first.
  const direct = path.join(process.cwd(), 'node_modules', PACKAGE, file);
  if (existsSync(direct)) return direct;
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve(`${PACKAGE}/package.json`)), file);
}

const cache = globalThis as typeof globalThis & { __reportFonts?: Partial<Record<FontName, Buffer>> };

/** The font file's bytes, read once per process (about 10 MB each). */
export function reportFont(name: FontName): Buffer {
  const fonts = (cache.__reportFonts ??= {});
  return (fonts[name] ??= readFileSync(locate(FILES[name])));
}
