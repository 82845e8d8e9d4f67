import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

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

import { PageNumber, PageSize } from './paging';

const SORTS: ServerSort[] = SERVER_SORT_FIELDS.flatMap((field) => [field, `-${field}` as const]);

export class ListServersQueryDto implements ListServersParams {
  @PageNumber()
  page?: number;

  @PageSize(L)
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

  @ApiPropertyOptional({
    description:
      'true: only servers whose definitions drifted from the approved ones (driftCount > 0, "needs approval"); false: only those without',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  drift?: boolean;

  @ApiPropertyOptional({ enum: SORTS, default: 'name', description: '`-` prefix sorts descending' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: ServerSort;
}
