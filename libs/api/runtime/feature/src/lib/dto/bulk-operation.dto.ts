import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';

import { BULK_LIMITS, type BulkOperationRequest } from '@mcp-fleet/shared/contracts';

export class BulkOperationDto implements BulkOperationRequest {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: BULK_LIMITS.maxServerIds })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_LIMITS.maxServerIds)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  serverIds!: string[];
}
