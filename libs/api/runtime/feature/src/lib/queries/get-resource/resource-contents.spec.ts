import { DomainError } from '@mcp-fleet/api/shared/errors';
import { RESOURCE_READ_LIMITS } from '@mcp-fleet/shared/contracts';

import { resourceContents } from './resource-contents';

const SERVER = '00000000-0000-4000-8000-000000000001';
const read = (contents: unknown[], maxBytes: number = RESOURCE_READ_LIMITS.maxBytes) =>
  resourceContents({ contents }, maxBytes, SERVER, 'demo://x');

describe('resourceContents', () => {
  it('sizes a text in UTF-8 bytes and a blob in decoded bytes', () => {
    const blob = Buffer.from([0, 1, 2, 255, 254]).toString('base64');
    expect(
      read([
        { uri: 'demo://a', mimeType: 'text/plain', text: 'héllo' },
        { uri: 'demo://b', mimeType: 'application/octet-stream', blob },
      ]),
    ).toEqual([
      { uri: 'demo://a', mimeType: 'text/plain', text: 'héllo', size: 6 },
      { uri: 'demo://b', mimeType: 'application/octet-stream', blob, size: 5 },
    ]);
  });

  it('answers the whole of a read at the limit, and RESOURCE_TOO_LARGE one byte over it', () => {
    expect(
      read(
        [
          { uri: 'demo://a', text: 'x'.repeat(6) },
          { uri: 'demo://b', blob: Buffer.alloc(4).toString('base64') },
        ],
        10,
      ),
    ).toHaveLength(2);
    let refusal: unknown;
    try {
      read(
        [
          { uri: 'demo://a', text: 'x'.repeat(7) },
          { uri: 'demo://b', blob: Buffer.alloc(4).toString('base64') },
        ],
        10,
      );
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'RESOURCE_TOO_LARGE', details: { size: 11, maxBytes: 10, uri: 'demo://x' } });
  });

  it('names the requested URI on a content without one, and answers no contents as an empty list', () => {
    expect(read([{ text: 'a' }])).toEqual([{ uri: 'demo://x', text: 'a', size: 1 }]);
    expect(resourceContents({}, 10, SERVER, 'demo://x')).toEqual([]);
  });
});
