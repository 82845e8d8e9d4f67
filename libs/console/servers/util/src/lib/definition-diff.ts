/** One line of a unified diff of two definitions. */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Pretty-printed JSON with keys sorted at every level, so two definitions line up field by field. */
export function prettyDefinition(value: unknown): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  const sorted = (item: unknown): unknown =>
    Array.isArray(item)
      ? item.map(sorted)
      : item !== null && typeof item === 'object'
        ? Object.fromEntries(
            Object.keys(item)
              .sort()
              .map((key) => [key, sorted((item as Record<string, unknown>)[key])]),
          )
        : item;
  return JSON.stringify(sorted(value), null, 2).split('\n');
}

/**
 * The approved definition against the current one, line by line (longest common subsequence):
 * what only the approved one has is `removed`, what only the current one has is `added`. An absent
 * side (a `new` or a `removed` item) is all added or all removed.
 */
export function diffDefinitions(approved: unknown, current: unknown): DiffLine[] {
  const a = prettyDefinition(approved);
  const b = prettyDefinition(current);
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
      lines.push({ kind: 'removed', text: a[i++] });
    } else {
      lines.push({ kind: 'added', text: b[j++] });
    }
  }
  while (i < a.length) lines.push({ kind: 'removed', text: a[i++] });
  while (j < b.length) lines.push({ kind: 'added', text: b[j++] });
  return lines;
}
