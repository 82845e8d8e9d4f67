import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { EVENT_LIMITS as L } from '@mcp-fleet/shared/contracts';

/** `limit` (1–1000) and `offset` of the history and audit lists. */
export class LimitOffsetQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: L.maxLimit, default: L.defaultLimit })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(L.maxLimit)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  offset?: number;
}
