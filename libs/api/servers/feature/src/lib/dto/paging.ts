import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The highest page number a list takes: far past any real list, low enough to stay an integer offset. */
const MAX_PAGE = 1_000_000;

/** `?page=`: 1-based, optional (default 1). */
export function PageNumber(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ minimum: 1, default: 1 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_PAGE),
  );
}

/** `?pageSize=`: optional, between 1 and the list's own maximum. */
export function PageSize(limits: { maxPageSize: number; defaultPageSize: number }): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: limits.maxPageSize, default: limits.defaultPageSize }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(limits.maxPageSize),
  );
}
