/** Rows with a store `seq`, merged newest first without duplicates (a page and the live feed overlap). */
export function mergeNewestFirst<T extends { seq: number }>(current: readonly T[], incoming: readonly T[]): T[] {
  const bySeq = new Map<number, T>();
  for (const item of current) {
    bySeq.set(item.seq, item);
  }
  for (const item of incoming) {
    bySeq.set(item.seq, item);
  }
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
}
