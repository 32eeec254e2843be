import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

export type Column = { header: string; width: number; align?: 'left' | 'center' | 'right' };

/** A cell: main text (wraps), an optional smaller grey line under it, and an emphasis flag. */
export type Cell = { text: string; sub?: string; strong?: boolean };

const PAD = 3;
const SIZE = 8;
const SUB_SIZE = 6.5;

/**
 * How PDFKit's line wrapper would lay out one text in one column: its number of lines and, when that
 * was worked out here rather than by PDFKit, the width of its single line as the wrapper sums it.
 */
type Fit = { lines: number; lineHeight: number; textWidth?: number };
type Measured = { main: Fit; sub?: Fit };

/**
 * Texts whose line-break opportunities (Unicode UAX #14, as PDFKit's `linebreak` finds them) are easy
 * to know: ASCII letters and digits, hyphens, single colons/dots inside words, `+` between digits and a
 * lone `*` word. Breaks fall after spaces and after a hyphen followed by a letter. That covers the
 * table's yes/no cells, numbers, tenants, partition names and IDs, timestamps and "version n". Checked
 * against `linebreak` over random strings of these characters.
 */
const SIMPLE = /^[A-Za-z0-9-](?:[A-Za-z0-9 -]|(?<! )[:.]|(?<= )\*(?= |$)|(?<=[0-9])\+(?=[0-9]))*$/;
/** Characters that force or change a break: such single-character texts take PDFKit's own path. */
const SPECIAL = /[\n\r\v\f\u0085\u00ad\u2028\u2029]/;

/** The words PDFKit's wrapper would see (each with its trailing spaces), or null when unsure. */
function words(text: string): string[] | null {
  if (text.length === 1) return SPECIAL.test(text) ? null : [text];
  if (!SIMPLE.test(text)) return null;
  const out: string[] = [];
  let last = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    const next = text[i + 1]!;
    if ((c === ' ' && next !== ' ') || (c === '-' && /[A-Za-z]/.test(next))) {
      out.push(text.slice(last, i + 1));
      last = i + 1;
    }
  }
  out.push(text.slice(last));
  return out;
}

/** PDFKit's word-width rounding: the largest float32 not above n. */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function roundDown(n: number): number {
  const rounded = Math.fround(n);
  if (rounded <= n) return rounded;
  f32[0] = n;
  if (n <= 0) u32[0]! += 1;
  else u32[0]! -= 1;
  return f32[0]!;
}

/** y after `lines` lines from `y`, added one at a time as PDFKit does (so heights match to the bit). */
function advance(y: number, lines: number, lineHeight: number): number {
  let end = y;
  for (let i = 0; i < lines; i++) end += lineHeight;
  return end;
}

/** Line counts of texts measured by PDFKit itself; emptied when full so memory stays bounded. */
const LINE_CACHE_LIMIT = 4096;

/**
 * Draws tables row by row, wrapping long text inside its column and starting a new page (with the
 * header again) when a row would not fit. Nothing is kept once a row is drawn.
 *
 * Speed: measuring and drawing text through PDFKit's line wrapper (line breaking, shaping every word
 * twice) was most of a report's time. A row is measured once; a text that plainly fits on one line
 * (see `words`) is measured with `widthOfString` and drawn without the wrapper, at the position the
 * wrapper would have used; the line count of any other text is remembered. The PDF is the same.
 */
export class Table {
  private readonly lineCounts = new Map<string, number>();
  private readonly wordWidths = new Map<string, number>();

  constructor(
    private readonly doc: Doc,
    private readonly columns: readonly Column[],
  ) {}

  /**
   * A word's width as the wrapper rounds it, remembered: most cells repeat ("yes", "no", tenants,
   * packages), and the standard font's widths sum a kerning-pair lookup per letter.
   */
  private wordWidth(font: string, size: number, word: string): number {
    const key = `${font}\u0000${size}\u0000${word}`;
    let width = this.wordWidths.get(key);
    if (width === undefined) {
      width = roundDown(this.doc.widthOfString(word));
      if (this.wordWidths.size >= LINE_CACHE_LIMIT) this.wordWidths.clear();
      this.wordWidths.set(key, width);
    }
    return width;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** The current font and size must be set. */
  private fit(font: string, size: number, text: string, width: number): Fit {
    const { doc } = this;
    const lineHeight = doc.currentLineHeight(true);
    const list = words(text);
    if (list) {
      // PDFKit's LineWrapper: each word's width rounded, fitted while space is left on the line.
      let spaceLeft = width;
      let textWidth = 0;
      let fits = true;
      for (const word of list) {
        const w = this.wordWidth(font, size, word);
        if (w > spaceLeft) {
          fits = false;
          break;
        }
        spaceLeft -= w;
        textWidth += w;
      }
      if (fits) return { lines: 1, lineHeight, textWidth };
    }
    const key = `${font}\u0000${size}\u0000${width}\u0000${text}`;
    let lines = this.lineCounts.get(key);
    if (lines === undefined) {
      lines = Math.round(doc.heightOfString(text, { width }) / lineHeight);
      if (this.lineCounts.size >= LINE_CACHE_LIMIT) this.lineCounts.clear();
      this.lineCounts.set(key, lines);
    }
    return { lines, lineHeight };
  }

  private measure(cells: readonly Cell[], header: boolean): Measured[] {
    const { doc } = this;
    return cells.map((cell, i) => {
      const width = (this.columns[i]?.width ?? 40) - 2 * PAD;
      // Headers are measured in the regular font and drawn in bold, as they always were.
      const font = !header && cell.strong ? 'bold' : 'regular';
      doc.font(font).fontSize(SIZE);
      const main = this.fit(font, SIZE, cell.text || ' ', width);
      if (!cell.sub) return { main };
      doc.font('regular').fontSize(SUB_SIZE);
      return { main, sub: this.fit('regular', SUB_SIZE, cell.sub, width) };
    });
  }

  /** The row's height when it starts at y: what heightOfString would give for each cell, padded. */
  private height(measured: readonly Measured[], y: number): number {
    const heights = measured.map(({ main, sub }) => {
      let height = advance(y, main.lines, main.lineHeight) - y;
      if (sub) height += advance(y, sub.lines, sub.lineHeight) - y;
      return height;
    });
    return Math.max(...heights) + 2 * PAD;
  }

  /**
   * Draws one line of text where PDFKit's wrapper would put it, without the wrapper; false (nothing
   * drawn) when the wrapper would do more than that (a new page).
   */
  private line(text: string, fit: Fit, x: number, y: number, width: number, align: 'left' | 'center' | 'right'): boolean {
    const { doc } = this;
    if (fit.lines !== 1 || fit.textWidth === undefined || text.length === 0) return false;
    const maxY = roundDown(this.bottom);
    if (y > maxY || y + fit.lineHeight > maxY) return false;
    let left = x;
    if (align === 'center') left += width / 2 - fit.textWidth / 2;
    else if (align === 'right') left += width - doc.widthOfString(text.replace(/\s+$/, ''));
    doc.text(text, left, y, { lineBreak: false });
    doc.y = y + fit.lineHeight;
    return true;
  }

  private drawCells(cells: readonly Cell[], measured: readonly Measured[], header: boolean): void {
    const { doc } = this;
    const top = doc.y;
    const height = this.height(measured, top);
    if (header) doc.rect(doc.page.margins.left, top, this.width, height).fill('#e8edf5');
    let x = doc.page.margins.left;
    cells.forEach((cell, i) => {
      const column = this.columns[i];
      if (!column) return;
      const width = column.width - 2 * PAD;
      const align = column.align ?? 'left';
      const fit = measured[i]!;
      doc.fillColor(header ? '#1e293b' : '#0f172a').font(header || cell.strong ? 'bold' : 'regular').fontSize(SIZE);
      // A header's fit was measured in the regular font: let PDFKit lay out the bold one.
      if (header || !this.line(cell.text, fit.main, x + PAD, top + PAD, width, align)) {
        doc.text(cell.text, x + PAD, top + PAD, { width, align });
      }
      if (cell.sub) {
        doc.fillColor('#64748b').font('regular').fontSize(SUB_SIZE);
        if (!fit.sub || !this.line(cell.sub, fit.sub, x + PAD, doc.y, width, 'left')) doc.text(cell.sub, x + PAD, doc.y, { width });
      }
      x += column.width;
    });
    doc
      .moveTo(doc.page.margins.left, top + height)
      .lineTo(doc.page.margins.left + this.width, top + height)
      .lineWidth(0.4)
      .strokeColor('#cbd5e1')
      .stroke();
    doc.fillColor('#0f172a');
    doc.x = doc.page.margins.left;
    doc.y = top + height;
  }

  get width(): number {
    return this.columns.reduce((sum, c) => sum + c.width, 0);
  }

  header(): void {
    if (this.doc.y + 40 > this.bottom) this.doc.addPage();
    const cells = this.columns.map((c) => ({ text: c.header }));
    this.drawCells(cells, this.measure(cells, true), true);
  }

  row(cells: readonly Cell[]): void {
    const { doc } = this;
    const measured = this.measure(cells, false);
    if (doc.y + this.height(measured, doc.y) > this.bottom) {
      doc.addPage();
      this.header();
    }
    this.drawCells(cells, measured, false);
  }
}
