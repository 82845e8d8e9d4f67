import { Injectable, type PipeTransform } from '@nestjs/common';

import { validationFailed } from '@mcp-fleet/api/shared/errors';

const MAX_REVISION = 2_147_483_647;

/** `:rev` is a revision number (1, 2, ...); anything else is a 400, never a database error. */
@Injectable()
export class ParseRevisionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const revision = /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(revision) || revision > MAX_REVISION) {
      throw validationFailed([{ field: 'rev', messages: ['rev must be a revision number (1, 2, ...)'] }]);
    }
    return revision;
  }
}
