/** A sentence describing a time series, the text alternative of a chart. */
export function seriesSummary(label: string, values: readonly (number | null)[], unit: string, digits = 1): string {
  const known = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (known.length === 0) {
    return `${label}: no data in this period.`;
  }
  const format = (value: number) => `${value.toFixed(digits)}${unit === '%' ? '%' : ` ${unit}`}`;
  const latest = known[known.length - 1];
  return `${label}: latest ${format(latest)}, minimum ${format(Math.min(...known))}, maximum ${format(Math.max(...known))}, over ${known.length} ${known.length === 1 ? 'point' : 'points'}.`;
}
