import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, Min, ValidateNested } from 'class-validator';

import { SERVER_TRANSPORTS, type ServerTransport, type UpdateServerRequest } from '@mcp-fleet/shared/contracts';

import { ServerConfigDto } from './server-config.dto';
import { DescriptionRules, ServerNameRules, ServerTypeRules, TagsRules } from './server-fields';

export class UpdateServerDto implements UpdateServerRequest {
  @ApiProperty({ description: 'The version you last read; a stale one gets 409 VERSION_CONFLICT', example: 1 })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @ServerNameRules()
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @DescriptionRules()
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @ServerTypeRules()
  type?: string;

  @ApiPropertyOptional({ enum: SERVER_TRANSPORTS })
  @IsOptional()
  @IsIn(SERVER_TRANSPORTS)
  transport?: ServerTransport;

  @ApiPropertyOptional({ type: ServerConfigDto, description: 'Merged into the stored config; null removes a field' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ServerConfigDto)
  config?: ServerConfigDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @TagsRules()
  tags?: string[];
}
