import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

import type { UpdateToolRequest } from '@mcp-fleet/shared/contracts';

export class UpdateToolDto implements UpdateToolRequest {
  @ApiProperty({ description: 'false hides the tool from every MCP client and refuses its calls' })
  @IsBoolean()
  enabled!: boolean;
}
