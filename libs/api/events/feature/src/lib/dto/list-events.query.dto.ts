import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

import {
  EVENT_CATEGORIES,
  EVENT_LIMITS as L,
  EVENT_SEVERITIES,
  type EventCategory,
  type EventSeverity,
  EXPORT_FORMATS,
  type ExportFormat,
  type ListEventsParams,
} from '@mcp-fleet/shared/contracts';

import { LimitOffsetQueryDto } from './limit-offset.query.dto';
import { SeqCursor } from './seq-cursor';

const NO_NUL = /^[^\0]*$/;

/** The filters shared by the history and the export. */
export class EventFiltersDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serverId?: string;

  @ApiPropertyOptional({
    description: 'Types, comma-separated; a trailing `*` matches a prefix (`auth.*`)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(L.maxTypeLength * L.maxFilterValues)
  @Matches(/^[a-z0-9_.]+\*?(,[a-z0-9_.]+\*?){0,19}$/, {
    message: 'type must be up to 20 comma-separated event types (lowercase, dots, underscores; optional trailing *)',
  })
  type?: string;

  @ApiPropertyOptional({ enum: EVENT_SEVERITIES })
  @IsOptional()
  @IsIn(EVENT_SEVERITIES)
  severity?: EventSeverity;

  @ApiPropertyOptional({
    enum: EVENT_SEVERITIES,
    description: 'This severity and worse',
  })
  @IsOptional()
  @IsIn(EVENT_SEVERITIES)
  minSeverity?: EventSeverity;

  @ApiPropertyOptional({ enum: EVENT_CATEGORIES })
  @IsOptional()
  @IsIn(EVENT_CATEGORIES)
  category?: EventCategory;

  @ApiPropertyOptional({ description: 'ISO-8601, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    description: 'Case-insensitive substring of the message, type or server name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(L.maxSearchLength)
  @Matches(NO_NUL, { message: 'search must not contain NUL characters' })
  search?: string;

  @ApiPropertyOptional({
    description: 'Actor id, or email / token name / `system`',
  })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @Matches(NO_NUL, { message: 'actor must not contain NUL characters' })
  actor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, {
    message: 'correlationId must be 1-128 characters of A-Z a-z 0-9 . _ : -',
  })
  correlationId?: string;
}

export class ListEventsQueryDto extends IntersectionType(EventFiltersDto, LimitOffsetQueryDto) implements ListEventsParams {
  @SeqCursor(0, 'Events after this seq, oldest first')
  afterSeq?: number;

  @SeqCursor(1, 'Events before this seq, newest first')
  beforeSeq?: number;
}

export class ExportEventsQueryDto extends EventFiltersDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'ndjson' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}
