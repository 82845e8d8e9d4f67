import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

import { type CallToolRequest, TOOL_CALL_INPUT_LIMITS } from '@mcp-fleet/shared/contracts';

export class CallToolDto implements CallToolRequest {
  @ApiPropertyOptional({ description: "The tool's arguments, as its input schema describes", example: { text: 'hello' } })
  @IsOptional()
  @IsObject()
  arguments?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: "2026-07-28: the input an earlier answer of resultType 'input_required' asked for, by its keys",
    example: { confirm: { action: 'accept', content: { confirm: true } } },
  })
  @IsOptional()
  @IsObject()
  inputResponses?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: '2026-07-28: the requestState of that answer, echoed as it came',
    maxLength: TOOL_CALL_INPUT_LIMITS.requestStateMaxLength,
  })
  @IsOptional()
  @IsString()
  @MaxLength(TOOL_CALL_INPUT_LIMITS.requestStateMaxLength)
  requestState?: string;
}
