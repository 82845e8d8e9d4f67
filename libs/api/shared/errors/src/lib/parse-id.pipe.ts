import { Injectable, PipeTransform } from '@nestjs/common';

import { DomainError } from './domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route ids are UUIDs; anything else is a 400 INVALID_ID, never a database error. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) {
      throw new DomainError('INVALID_ID', `"${value.slice(0, 64)}" is not a valid id (expected a UUID)`);
    }
    return value.toLowerCase();
  }
}
