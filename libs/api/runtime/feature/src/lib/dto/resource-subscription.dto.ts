import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

import { RESOURCE_READ_LIMITS, type SubscribeResourceRequest } from '@mcp-fleet/shared/contracts';

/** The body of a subscribe, and the query of an unsubscribe: one resource URI. */
export class ResourceSubscriptionDto implements SubscribeResourceRequest {
  @ApiProperty({ maxLength: RESOURCE_READ_LIMITS.uriMaxLength, example: 'demo://resource/static/document/features.md' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(RESOURCE_READ_LIMITS.uriMaxLength)
  uri!: string;
}
