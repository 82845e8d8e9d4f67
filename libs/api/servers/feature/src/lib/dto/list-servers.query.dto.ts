import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import {
  HEALTH_STATUSES,
  type HealthStatus,
  type ListServersParams,
  SERVER_LIMITS as L,
  SERVER_SORT_FIELDS,
  SERVER_STATUSES,
  SERVER_TRANSPORTS,
  type ServerFilter,
  type ServerSort,
  type ServerStatus,
  type ServerTransport,
} from '@mcp-fleet/shared/contracts';

import { PageNumber, PageSize } from './paging';

const SORTS: ServerSort[] = SERVER_SORT_FIELDS.flatMap((field) => [field, `-${field}` as const]);

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** The filters of the list, also the whole query of a selection (`GET .../servers/matching`). */
export class ServerFilterQueryDto implements ServerFilter {
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
  @Transform(toBoolean)
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
  @Transform(toBoolean)
  @IsBoolean()
  drift?: boolean;

  @ApiPropertyOptional({ description: 'true: only servers in maintenance; false: only those that are not' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  maintenance?: boolean;

  @ApiPropertyOptional({ enum: HEALTH_STATUSES, description: 'Last health check (`unknown` for servers not running)' })
  @IsOptional()
  @IsIn(HEALTH_STATUSES)
  health?: HealthStatus;
}

export class ListServersQueryDto extends ServerFilterQueryDto implements ListServersParams {
  @PageNumber()
  page?: number;

  @PageSize(L)
  pageSize?: number;

  @ApiPropertyOptional({ enum: SORTS, default: 'name', description: '`-` prefix sorts descending' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: ServerSort;
}
