/** `server_name="…"` in a sample's labels, its value still escaped as the text format escapes it. */
const SERVER_NAME_LABEL = /[{,]server_name="((?:[^"\\]|\\.)*)"/;

/**
 * The Prometheus text exposition as a reader limited to some servers may see it: every sample
 * labelled with another server's name is left out (to such a reader other servers do not
 * exist, as on every route); samples about no server, and the HELP and TYPE lines, stay.
 */
export function scopedExposition(text: string, serverNames: ReadonlySet<string>): string {
  return text
    .split('\n')
    .filter((line) => {
      if (line.startsWith('#')) {
        return true;
      }
      const label = SERVER_NAME_LABEL.exec(line);
      return label === null || serverNames.has(unescapeLabel(label[1]));
    })
    .join('\n');
}

function unescapeLabel(value: string): string {
  return value.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char));
}
