import { describe, expect, it } from 'vitest';
import { BOM, csvCell, csvLine, neutralise } from '@/lib/reports/csv';

describe('CSV cells', () => {
  it.each(['=1+2', '+1', '-1', '@SUM(A1)', '\tcmd', '\rcmd', '=HYPERLINK("http://x","y")'])('neutralises %j with a leading apostrophe', (value) => {
    expect(neutralise(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text, including non-Latin names and inner = signs, unchanged', () => {
    for (const value of ['payments-prod', 'a=b', 'платёжные-ключи', '电子病历', ' =leading space']) expect(neutralise(value)).toBe(value);
  });

  it('quotes cells with commas, quotes or line breaks after neutralising', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(-3)).toBe("'-3");
  });

  it('ends lines with CRLF; the BOM is U+FEFF', () => {
    expect(csvLine(['a', 'b c', '=x'])).toBe("a,b c,'=x\r\n");
    expect(Buffer.from(BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
