import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

import { RESOURCE_READ_LIMITS } from '@mcp-fleet/shared/contracts';

export class ReadResourceQueryDto {
  @ApiProperty({
    description: 'The URI of a resource the server listed, or one filled in from a resource template',
    maxLength: RESOURCE_READ_LIMITS.uriMaxLength,
    example: 'demo://resource/static/document/features.md',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(RESOURCE_READ_LIMITS.uriMaxLength)
  uri!: string;
}
