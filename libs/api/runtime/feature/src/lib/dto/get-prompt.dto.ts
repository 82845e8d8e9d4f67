import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

import type { GetPromptRequest } from '@mcp-fleet/shared/contracts';

import { IsStringMap } from './string-map';

export class GetPromptDto implements GetPromptRequest {
  @ApiPropertyOptional({
    description: "The prompt's arguments; MCP prompt arguments are strings",
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { city: 'Lisbon' },
  })
  @IsOptional()
  @IsStringMap()
  arguments?: Record<string, string>;
}
