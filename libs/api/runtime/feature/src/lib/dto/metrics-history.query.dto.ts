import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

import { METRICS_HISTORY_LIMITS as L } from '@mcp-fleet/shared/contracts';

export class MetricsHistoryQueryDto {
  @ApiPropertyOptional({ description: 'ISO-8601; default: an hour before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601; default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    description: `Bucket size in seconds (at least ${L.minStepSeconds}; raised so no more than ${L.maxPoints} points come back)`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(L.minStepSeconds)
  @Max(31 * 86_400)
  step?: number;
}
