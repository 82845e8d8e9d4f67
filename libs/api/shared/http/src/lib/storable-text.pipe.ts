import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';

import { validationFailed } from '@mcp-fleet/api/shared/errors';
import { describeUnstorable, findUnstorable } from '@mcp-fleet/api/shared/security';

/**
 * Path and query values end up in queries, audit rows and events: `%00` or a lone surrogate
 * there failed the insert deep inside a handler (and a failed audit insert once let a refused
 * call go unrecorded). A global pipe refuses them with a 400 after the access guard, so the
 * refusal itself is audited like any other invalid request. JSON bodies are checked earlier,
 * in the body parser.
 */
@Injectable()
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' || metadata.type === 'custom') {
      return value;
    }
    const found = findUnstorable(value);
    if (found) {
      const field = [metadata.data, found.field].filter(Boolean).join('.') || metadata.type;
      throw validationFailed([{ field, messages: [describeUnstorable(found.problem)] }]);
    }
    return value;
  }
}
