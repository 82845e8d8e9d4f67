import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { EVENT_TYPE_LIST, EVENT_TYPES, EVENT_VOCABULARY, isKnownEventType } from './event-vocabulary';

/** The rows of the vocabulary table in docs/events.md, as [type, category, severity, what]. */
function documentedRows(): string[][] {
  const doc = readFileSync(join(__dirname, '../../../../../docs/events.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### The vocabulary'));
  const table = section.slice(section.indexOf('| type'), section.indexOf('\n\n', section.indexOf('| type')));
  return table
    .split('\n')
    .slice(2)
    .map((row) =>
      row
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    );
}

describe('the event vocabulary', () => {
  it('is what docs/events.md lists, row for row', () => {
    const expected = EVENT_TYPE_LIST.map((type) => {
      const info = EVENT_VOCABULARY[type];
      return [type, info.category, Array.isArray(info.severity) ? info.severity.join(', ') : String(info.severity), info.description];
    });

    expect(documentedRows()).toEqual(expected);
  });

  it('names every type once in EVENT_TYPES', () => {
    expect(Object.values(EVENT_TYPES).sort()).toEqual([...EVENT_TYPE_LIST].sort());
  });

  it('tells known types from others', () => {
    expect(isKnownEventType('server.started')).toBe(true);
    expect(isKnownEventType('server.nope')).toBe(false);
    expect(isKnownEventType('constructor')).toBe(false);
  });
});
