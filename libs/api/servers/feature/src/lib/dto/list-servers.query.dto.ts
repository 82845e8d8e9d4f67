import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

import {
  type ListServersParams,
  SERVER_LIMITS as L,
  SERVER_SORT_FIELDS,
  SERVER_STATUSES,
  SERVER_TRANSPORTS,
  type ServerSort,
  type ServerStatus,
  type ServerTransport,
} from '@mcp-fleet/shared/contracts';

const SORTS: ServerSort[] = SERVER_SORT_FIELDS.flatMap((field) => [field, `-${field}` as const]);

export class ListServersQueryDto implements ListServersParams {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: L.maxPageSize, default: L.defaultPageSize })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(L.maxPageSize)
  pageSize?: number;

  @ApiPropertyOptional({ enum: SERVER_STATUSES })
  @IsOptional()
  @IsIn(SERVER_STATUSES)
  status?: ServerStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(L.typeMaxLength)
  @Matches(L.typePattern)
  type?: string;

  @ApiPropertyOptional({ enum: SERVER_TRANSPORTS })
  @IsOptional()
  @IsIn(SERVER_TRANSPORTS)
  transport?: ServerTransport;

  @ApiPropertyOptional({ description: 'Servers carrying this tag' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(L.tagMaxLength)
  @Matches(L.tagPattern)
  tag?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(L.searchMaxLength)
  @Matches(/^[^\0]*$/, { message: 'search must not contain NUL characters' })
  search?: string;

  @ApiPropertyOptional({ enum: SORTS, default: 'name', description: '`-` prefix sorts descending' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: ServerSort;
}
