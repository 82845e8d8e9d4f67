import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { type RegistryImportParams, SERVER_LIMITS as L } from '@mcp-fleet/shared/contracts';

import { ServerNameRules } from './server-fields';

export class RegistryImportQueryDto implements RegistryImportParams {
  @ApiPropertyOptional({ minimum: 0, description: 'Index in `packages` to import (default: the first npm, pypi or oci one)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  package?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Index in `remotes` to import (default: the first one, when no package fits)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  remote?: number;

  @ApiPropertyOptional({
    maxLength: L.nameMaxLength,
    pattern: L.namePattern.source,
    description: 'Register under this name (default: the document name, `/` and other characters replaced by `-`)',
  })
  @IsOptional()
  @ServerNameRules()
  name?: string;
}
