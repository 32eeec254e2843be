import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

/** Every OpenType feature fontkit applies to horizontal text, each turned off (fontkit drops a feature named false). */
export const NO_FEATURES: Record<string, boolean> = Object.fromEntries(
  ['rvrn', 'ltra', 'ltrm', 'rtla', 'rtlm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern'].map(
    (tag) => [tag, false],
  ),
);

type Glyph = { id: number; advanceWidth: number; codePoints: number[] };
type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number };
type Run = { glyphs: Glyph[]; positions: Position[]; advanceWidth: number };
/** The parts of PDFKit's EmbeddedFont used here (internal fields). */
type EmbeddedFont = {
  font?: { glyphsForString?: (text: string) => Glyph[] };
  scale?: number;
  layoutRun?: (text: string, features?: unknown) => Run;
  unshaped?: boolean;
};

/**
 * Text that needs shaping to print right even with every feature off: default-ignorable characters
 * (soft hyphen, zero-width space and joiners, direction marks, byte-order mark), which fontkit hides
 * and PDFKit's line wrapper relies on being hidden; combining marks, which shaping places over their
 * base letter; right-to-left scripts, which shaping reorders. Such words (rare in a report) are shaped.
 */
const NEEDS_SHAPING = /[\p{Default_Ignorable_Code_Point}\p{M}\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** A run as PDFKit's layoutRun returns it: each glyph advancing by its own width, in PDFKit's units. */
function unshapedRun(glyphs: Glyph[], scale: number): Run {
  let advanceWidth = 0;
  const positions = glyphs.map((glyph) => {
    const width = glyph.advanceWidth * scale;
    advanceWidth += width;
    return { xAdvance: width, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: width };
  });
  return { glyphs, positions, advanceWidth };
}

/**
 * Sets the embedded font `name` in `doc` without OpenType shaping (kerning, ligatures, contextual
 * forms). Shaping every word through Noto Sans SC's lookup tables (which cover CJK as well as Latin)
 * was most of a large report's time; tables, names and notes read the same without it. A word is then
 * its glyphs from the font's character map, each advancing by its own width: exactly what fontkit's
 * layout gives with NO_FEATURES (tests/unit/report-pdf-plain-text.test.ts). A word with a character
 * of NEEDS_SHAPING is shaped as before. PDFKit's own `features`
 * option would do the same but bypass its per-word layout cache, so the font's layout run is replaced
 * instead and the cache stays. Internal fields: if a PDFKit version lacks them, text is shaped as before.
 */
export function setWithoutShaping(doc: Doc, name: string): void {
  doc.font(name);
  const font = (doc as unknown as { _font?: EmbeddedFont })._font;
  const glyphsOf = font?.font?.glyphsForString?.bind(font.font);
  const shaped = font?.layoutRun?.bind(font);
  if (!font || !glyphsOf || !shaped || typeof font.scale !== 'number' || font.unshaped) return;
  const scale = font.scale;
  // Features asked for explicitly (nothing in the reports does) still get PDFKit's own shaping.
  font.layoutRun = (text, features) =>
    features || NEEDS_SHAPING.test(text) ? shaped(text, features) : unshapedRun(glyphsOf(text), scale);
  font.unshaped = true;
}
