import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';

import { type RegisterServerRequest, SERVER_LIMITS as L, SERVER_TRANSPORTS, type ServerTransport } from '@mcp-fleet/shared/contracts';

import { ServerConfigDto } from './server-config.dto';
import { DescriptionRules, ServerNameRules, ServerTypeRules, TagsRules } from './server-fields';

export class RegisterServerDto implements RegisterServerRequest {
  @ApiProperty({ example: 'everything', maxLength: L.nameMaxLength, pattern: L.namePattern.source })
  @ServerNameRules()
  name!: string;

  @ApiPropertyOptional({ maxLength: L.descriptionMaxLength, default: '' })
  @IsOptional()
  @DescriptionRules()
  description?: string;

  @ApiPropertyOptional({ example: 'reference', default: L.defaultType, pattern: L.typePattern.source })
  @IsOptional()
  @ServerTypeRules()
  type?: string;

  @ApiProperty({ enum: SERVER_TRANSPORTS })
  @IsIn(SERVER_TRANSPORTS)
  transport!: ServerTransport;

  @ApiProperty({ type: ServerConfigDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ServerConfigDto)
  config!: ServerConfigDto;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['reference', 'demo'], maxItems: L.maxTags })
  @IsOptional()
  @TagsRules()
  tags?: string[];
}
