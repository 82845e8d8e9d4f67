import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

import { type ListRevisionsParams, type RestoreRevisionRequest, REVISION_LIMITS as L } from '@mcp-fleet/shared/contracts';

import { PageNumber, PageSize } from './paging';

export class ListRevisionsQueryDto implements ListRevisionsParams {
  @PageNumber()
  page?: number;

  @PageSize(L)
  pageSize?: number;
}

export class RestoreRevisionDto implements RestoreRevisionRequest {
  @ApiPropertyOptional({ description: 'The server version you last read; a stale one gets 409 VERSION_CONFLICT', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
