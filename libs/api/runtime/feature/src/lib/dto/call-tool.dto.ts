import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';

import type { CallToolRequest } from '@mcp-fleet/shared/contracts';

export class CallToolDto implements CallToolRequest {
  @ApiPropertyOptional({ description: "The tool's arguments, as its input schema describes", example: { text: 'hello' } })
  @IsOptional()
  @IsObject()
  arguments?: Record<string, unknown>;
}
