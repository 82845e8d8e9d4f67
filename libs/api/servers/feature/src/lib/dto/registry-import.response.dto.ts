import { ApiProperty } from '@nestjs/swagger';

import type {
  RegisterServerRequest,
  RegistryImportResponse,
  RegistryImportSource,
  RegistryImportValueToFill,
} from '@mcp-fleet/shared/contracts';

import { McpServerDto } from './server.response.dto';

export class RegistryImportValueToFillDto implements RegistryImportValueToFill {
  @ApiProperty({ example: 'config.env.API_KEY' }) field!: string;
  @ApiProperty({ example: 'API_KEY' }) name!: string;
  @ApiProperty({ example: 'packages[0].environmentVariables[0]' }) path!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty() secret!: boolean;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
}

export class RegistryImportResponseDto implements RegistryImportResponse {
  @ApiProperty({ type: Object, description: 'The registration made from the document, secrets masked' })
  registration!: RegisterServerRequest;

  @ApiProperty({
    type: Object,
    description: '`{ kind: "package", index, registryType, identifier, version }` or `{ kind: "remote", index, type, url }`',
  })
  source!: RegistryImportSource;

  @ApiProperty({ type: [RegistryImportValueToFillDto] })
  toFill!: RegistryImportValueToFillDto[];

  @ApiProperty({ type: McpServerDto, nullable: true, description: 'null on a dry run' })
  server!: McpServerDto | null;
}
