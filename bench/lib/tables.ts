/**
 * Plain-text and markdown tables for the reports. The first `textColumns` columns hold words
 * and are left-aligned; the rest hold figures and are right-aligned.
 */
export function textTable(columns: string[], body: string[][], textColumns = 1): string[] {
  const all = [columns, ...body];
  const widths = columns.map((_, c) => Math.max(...all.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c < textColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
}

export function markdownTable(columns: string[], body: string[][], textColumns = 1): string[] {
  return [
    `| ${columns.join(' | ')} |`,
    `| ${columns.map((_, i) => (i < textColumns ? '---' : '---:')).join(' | ')} |`,
    ...body.map((row) => `| ${row.join(' | ')} |`),
  ];
}
