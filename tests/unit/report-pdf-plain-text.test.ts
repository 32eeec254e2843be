import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { reportFont } from '@/lib/reports/pdf/fonts';
import { NO_FEATURES, setWithoutShaping } from '@/lib/reports/pdf/plain-text';

type Doc = InstanceType<typeof PDFDocument>;
type Encoded = [string[], { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[]];
type FontInternals = { encode(text: string, features?: unknown): Encoded; layoutCache?: Record<string, unknown> };

const SAMPLES = [
  'Fleet Tenant 14',
  'AVATAR Tw office fi fl',
  'payments-prod-eu 2026-11-01T00:52:12+00:00',
  'Key Export Allowed → Not allowed by Sofia Ortega (Security officer)',
  'платёжные-ключи',
  '电子病历签名密钥',
  '½ – — “quoted” café',
];

/** Words that print right only when shaped: they keep PDFKit's own shaping. */
const SHAPED_SAMPLES = [
  'pre\u00ADproduction',
  'zero\u200Bwidth',
  '\uFEFFbom',
  'left\u200Emark',
  'Jose\u0301',
  'שלום',
  'مفتاح',
];

function documentWith(unshaped: boolean): { doc: Doc; font: FontInternals } {
  const doc: Doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont('regular', reportFont('regular'));
  if (unshaped) setWithoutShaping(doc, 'regular');
  doc.font('regular').fontSize(8);
  return { doc, font: (doc as unknown as { _font: FontInternals })._font };
}

describe('PDF text without OpenType shaping', () => {
  it('lays out every sample exactly as fontkit does with every feature off: same glyphs, same advances, same widths', () => {
    const plain = documentWith(true);
    const reference = documentWith(false);
    for (const text of SAMPLES) {
      const [glyphs, positions] = plain.font.encode(text);
      const [refGlyphs, refPositions] = reference.font.encode(text, NO_FEATURES);
      expect(glyphs, text).toEqual(refGlyphs);
      expect(positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]), text).toEqual(
        refPositions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
      );
      expect(plain.doc.widthOfString(text)).toBeCloseTo(reference.doc.widthOfString(text, { features: NO_FEATURES as unknown as PDFKit.Mixins.OpenTypeFeatures[] }), 9);
    }
  });

  it('shapes a word with a default-ignorable character, a combining mark or right-to-left text, as before', () => {
    const plain = documentWith(true);
    const reference = documentWith(false);
    for (const text of SHAPED_SAMPLES) {
      expect(plain.font.encode(text), text).toEqual(reference.font.encode(text));
      expect(plain.doc.widthOfString(text), text).toBeCloseTo(reference.doc.widthOfString(text), 9);
    }
    // A soft hyphen takes no room, as fontkit hides it (PDFKit's line wrapper prints a hyphen only at a
    // break): the word is as wide as without it, give or take the kerned pair it splits.
    const hyphen = plain.doc.widthOfString('-');
    expect(Math.abs(plain.doc.widthOfString('pre\u00ADproduction') - reference.doc.widthOfString('preproduction'))).toBeLessThan(hyphen / 4);
  });

  it('turns shaping off: a kerned pair keeps its kerning only in the shaped font', () => {
    const plain = documentWith(true);
    const shaped = documentWith(false);
    // "AV" and "Tw" are kerned in Noto Sans SC's GPOS table.
    const kerned = shaped.doc.widthOfString('AVATAR Tw');
    expect(plain.doc.widthOfString('AVATAR Tw')).toBeGreaterThan(kerned);
  });

  it('keeps PDFKit’s per-word layout cache', () => {
    const { doc, font } = documentWith(true);
    doc.widthOfString('cached-word');
    expect(font.layoutCache && Object.keys(font.layoutCache)).toContain('cached-word');
  });
});
