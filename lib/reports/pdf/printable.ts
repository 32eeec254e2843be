import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

/** Printed in place of a character the report's font has no glyph for (Hebrew, Arabic, Hangul, emoji…). */
export const MISSING_GLYPH = '\u25A1';

const PLAIN_ASCII = /^[\x20-\x7E]*$/;
/** Soft hyphen, zero-width space and joiners, direction marks and bidi controls, BOM, variation selectors. */
const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * A text as the PDF can show it: composed (NFC, so "e" + U+0301 prints as one "é"), without
 * default-ignorable characters (the font would draw some as boxes, and PDFKit a soft hyphen as "-"
 * where it breaks a line, which no operator typed), and with MISSING_GLYPH for each character the font
 * cannot draw (instead of .notdef boxes that all copy out as one wrong character). The CSV and JSON
 * reports keep every text exactly as stored; the PDF's title page says so.
 */
export function printableText(text: string, hasGlyph: (codePoint: number) => boolean): string {
  if (PLAIN_ASCII.test(text)) return text;
  let out = '';
  for (const char of text.normalize('NFC').replace(DEFAULT_IGNORABLE, '')) {
    const codePoint = char.codePointAt(0) as number;
    out += codePoint < 0x20 || hasGlyph(codePoint) ? char : MISSING_GLYPH;
  }
  return out;
}

type FontInternals = { font?: { hasGlyphForCodePoint?: (codePoint: number) => boolean } };
type TextMethods = {
  text: (text: unknown, ...rest: unknown[]) => Doc;
  widthOfString: (text: string, ...rest: unknown[]) => number;
  heightOfString: (text: string, ...rest: unknown[]) => number;
};

/**
 * Every text `doc` draws or measures goes through printableText first, checked against the embedded
 * font `name` (the report's regular and bold faces cover the same characters), so measuring and drawing
 * always see the same string.
 */
export function printOnlyPrintable(doc: Doc, name: string): void {
  doc.font(name);
  const font = (doc as unknown as { _font?: FontInternals })._font?.font;
  const hasGlyph = font?.hasGlyphForCodePoint?.bind(font);
  if (!hasGlyph) return;
  const printable = (text: string) => printableText(text, hasGlyph);
  const methods = doc as unknown as TextMethods;
  const { text, widthOfString, heightOfString } = methods;
  methods.text = (value, ...rest) => text.call(doc, typeof value === 'string' ? printable(value) : value, ...rest);
  methods.widthOfString = (value, ...rest) => widthOfString.call(doc, printable(value), ...rest);
  methods.heightOfString = (value, ...rest) => heightOfString.call(doc, printable(value), ...rest);
}
