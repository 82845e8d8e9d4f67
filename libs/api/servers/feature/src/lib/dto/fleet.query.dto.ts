import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

import { FLEET_FORMATS, type FleetFormat } from '@mcp-fleet/shared/contracts';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ExportFleetQueryDto {
  @ApiPropertyOptional({ enum: FLEET_FORMATS, default: 'yaml' })
  @IsOptional()
  @IsIn(FLEET_FORMATS)
  format?: FleetFormat;
}

export class ApplyFleetQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Return the plan without writing anything' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Delete stored servers the document does not name' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  prune?: boolean;
}
