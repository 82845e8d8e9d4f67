import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

import { type ApproveDefinitionsRequest, DRIFT_LIMITS as L } from '@mcp-fleet/shared/contracts';

const names = (what: string): ApiPropertyOptions => ({
  type: [String],
  maxItems: L.maxNamesPerApproval,
  description: `${what} whose current definitions become the approved ones`,
});

export class ApproveDefinitionsDto implements ApproveDefinitionsRequest {
  @ApiPropertyOptional(names('Tool names'))
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.maxNamesPerApproval)
  @IsString({ each: true })
  @MaxLength(L.nameMaxLength, { each: true })
  tools?: string[];

  @ApiPropertyOptional(names('Resource URIs'))
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.maxNamesPerApproval)
  @IsString({ each: true })
  @MaxLength(L.nameMaxLength, { each: true })
  resources?: string[];

  @ApiPropertyOptional(names('Prompt names'))
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.maxNamesPerApproval)
  @IsString({ each: true })
  @MaxLength(L.nameMaxLength, { each: true })
  prompts?: string[];
}
