import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

export type Column = { header: string; width: number; align?: 'left' | 'center' | 'right' };

/** A cell: main text (wraps), an optional smaller grey line under it, and an emphasis flag. */
export type Cell = { text: string; sub?: string; strong?: boolean };

const PAD = 3;
const SIZE = 8;
const SUB_SIZE = 6.5;

function cellHeight(doc: Doc, cell: Cell, width: number): number {
  doc.font(cell.strong ? 'bold' : 'regular').fontSize(SIZE);
  let height = doc.heightOfString(cell.text || ' ', { width });
  if (cell.sub) height += doc.font('regular').fontSize(SUB_SIZE).heightOfString(cell.sub, { width });
  return height;
}

/**
 * Draws tables row by row, wrapping long text inside its column and starting a new page (with the
 * header again) when a row would not fit. Nothing is kept once a row is drawn.
 */
export class Table {
  constructor(
    private readonly doc: Doc,
    private readonly columns: readonly Column[],
  ) {}

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private drawCells(cells: readonly Cell[], header: boolean): void {
    const { doc } = this;
    const top = doc.y;
    const height = Math.max(...cells.map((cell, i) => cellHeight(doc, cell, (this.columns[i]?.width ?? 40) - 2 * PAD))) + 2 * PAD;
    if (header) doc.rect(doc.page.margins.left, top, this.width, height).fill('#e8edf5');
    let x = doc.page.margins.left;
    cells.forEach((cell, i) => {
      const column = this.columns[i];
      if (!column) return;
      const width = column.width - 2 * PAD;
      doc.fillColor(header ? '#1e293b' : '#0f172a').font(header || cell.strong ? 'bold' : 'regular').fontSize(SIZE);
      doc.text(cell.text, x + PAD, top + PAD, { width, align: column.align ?? 'left' });
      if (cell.sub) doc.fillColor('#64748b').font('regular').fontSize(SUB_SIZE).text(cell.sub, x + PAD, doc.y, { width });
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
    this.drawCells(
      this.columns.map((c) => ({ text: c.header })),
      true,
    );
  }

  row(cells: readonly Cell[]): void {
    const { doc } = this;
    const height = Math.max(...cells.map((cell, i) => cellHeight(doc, cell, (this.columns[i]?.width ?? 40) - 2 * PAD))) + 2 * PAD;
    if (doc.y + height > this.bottom) {
      doc.addPage();
      this.header();
    }
    this.drawCells(cells, false);
  }
}
