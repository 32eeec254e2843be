import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MISSING_GLYPH, printableText } from '@/lib/reports/pdf/printable';

// A font that has Latin-1, Cyrillic, CJK and the box, but no Hebrew and no emoji.
const hasGlyph = (cp: number) => cp < 0x0590 || (cp >= 0x4e00 && cp <= 0x9fff) || cp === 0x25a1;

describe('PDF text the font can show', () => {
  it('keeps plain ASCII as it is', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...' -~azAZ09%_'.split('')) }), (text) => {
      expect(printableText(text, () => false)).toBe(text);
    }));
  });

  it('composes accents, drops invisible formatting characters, boxes what the font lacks', () => {
    expect(printableText('Jose\u0301', hasGlyph)).toBe('José');
    expect(printableText('re\u00ADactivation ex\u200Bport \u200E\uFEFFok', hasGlyph)).toBe('reactivation export ok');
    expect(printableText('שלום 电子 🔒', hasGlyph)).toBe(`${MISSING_GLYPH.repeat(4)} 电子 ${MISSING_GLYPH}`);
    expect(printableText('платёж\n', hasGlyph)).toBe('платёж\n');
  });

  it('is idempotent: measuring a printed text again gives the same string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const once = printableText(text, hasGlyph);
        expect(printableText(once, hasGlyph)).toBe(once);
      }),
    );
  });
});
