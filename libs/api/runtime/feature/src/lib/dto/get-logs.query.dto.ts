import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, isISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';

import { LOG_LIMITS, type ServerLogParams } from '@mcp-fleet/shared/contracts';

/** A seq: digits, small enough to stay exact as a JS number. */
export const SEQ = /^\d{1,15}$/;

export class GetLogsQueryDto implements ServerLogParams {
  @ApiPropertyOptional({ format: 'uuid', description: 'The run to read; the latest run when absent' })
  @IsOptional()
  @IsUUID()
  runId?: string;

  @ApiPropertyOptional({ description: 'A seq (lines after it, e.g. the last nextCursor) or an ISO-8601 time (lines at or after it)' })
  @IsOptional()
  @ValidateBy({
    name: 'isSeqOrTime',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && (SEQ.test(value) || isISO8601(value, { strict: true })),
      defaultMessage: () => 'since must be a seq (an integer) or an ISO-8601 time',
    },
  })
  since?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: LOG_LIMITS.maxLimit, default: LOG_LIMITS.defaultLimit })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LOG_LIMITS.maxLimit)
  limit?: number;

  @ApiPropertyOptional({ maxLength: LOG_LIMITS.searchMaxLength, description: 'Only lines containing this text, case-insensitively' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(LOG_LIMITS.searchMaxLength)
  search?: string;
}

export class DownloadLogsQueryDto implements Pick<ServerLogParams, 'runId'> {
  @ApiPropertyOptional({ format: 'uuid', description: 'The run to download; the latest run when absent' })
  @IsOptional()
  @IsUUID()
  runId?: string;
}
