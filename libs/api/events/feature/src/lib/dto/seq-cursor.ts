import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * A `seq` cursor in a query string: an integer from `min` up to 2^53 - 1, which is inside
 * PostgreSQL's int8 and exact as a JS number. `1e308` is an integer to JavaScript: without the
 * upper bound it reached the database as a bigint it cannot hold.
 */
export function SeqCursor(min: number, description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description,
      type: 'integer',
      minimum: min,
      maximum: Number.MAX_SAFE_INTEGER,
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(Number.MAX_SAFE_INTEGER),
  );
}
