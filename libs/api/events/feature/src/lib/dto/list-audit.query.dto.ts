import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { AUDIT_RESULTS, type AuditResult, EXPORT_FORMATS, type ExportFormat, type ListAuditParams } from '@mcp-fleet/shared/contracts';

import { LimitOffsetQueryDto } from './limit-offset.query.dto';
import { SeqCursor } from './seq-cursor';

/** The filters of the audit log, shared by the list and the export. */
export class AuditFiltersDto {
  @ApiPropertyOptional({ description: 'Actor id, or email / token name' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @Matches(/^[^\0]*$/, { message: 'actor must not contain NUL characters' })
  actor?: string;

  @ApiPropertyOptional({
    description: 'An action (`server.update`), or a prefix ending in `*` (`server.*`)',
  })
  @IsOptional()
  @Matches(/^[a-z0-9_.]{1,100}\*?$/, {
    message: 'action must be a dotted action name, optionally ending in *',
  })
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:@-]{1,100}$/, { message: 'targetId must be an id' })
  targetId?: string;

  @ApiPropertyOptional({ enum: AUDIT_RESULTS })
  @IsOptional()
  @IsIn(AUDIT_RESULTS)
  result?: AuditResult;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, {
    message: 'correlationId must be 1-128 characters of A-Z a-z 0-9 . _ : -',
  })
  correlationId?: string;
}

export class ListAuditQueryDto extends IntersectionType(AuditFiltersDto, LimitOffsetQueryDto) implements ListAuditParams {
  @SeqCursor(1, 'Entries before this seq (newest first)')
  beforeSeq?: number;
}

export class ExportAuditQueryDto extends AuditFiltersDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'ndjson' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}
