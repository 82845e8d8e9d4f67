/** How many names a confirmation spells out before "and N more". */
export const NAMES_SHOWN = 5;

/** "a, b and c", or "a, b, c, d, e and 3 more": the names a confirmation is about, never ids. */
export function nameList(names: readonly string[], shown = NAMES_SHOWN): string {
  if (names.length === 0) {
    return '';
  }
  if (names.length <= shown) {
    return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  }
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

/** "1 server" / "3 servers". */
export function serverCount(count: number): string {
  return `${count} ${count === 1 ? 'server' : 'servers'}`;
}
