import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import {
  type Actor,
  type FieldChangeRecord,
  REVISION_ACTIONS,
  type RevisionAction,
  type ServerRegistration,
  type ServerRevision,
  type ServerRevisionPage,
} from '@mcp-fleet/shared/contracts';

import { McpServerDto } from './server.response.dto';

class RevisionActorDto implements Actor {
  @ApiProperty({ enum: ['user', 'token', 'system', 'anonymous'] }) kind!: Actor['kind'];
  @ApiProperty({ type: String, nullable: true, description: 'User or API token id' }) id!: string | null;
  @ApiProperty({ description: 'Email for users, name for API tokens' }) name!: string;
}

class FieldChangeDto implements FieldChangeRecord {
  @ApiProperty({ description: 'Dotted path: name, config.args, config.env.API_KEY' }) field!: string;
  @ApiProperty({ description: 'Old value (null when the path was not set); a secret as { secret: true }' }) before!: unknown;
  @ApiProperty({ description: 'New value (null when the path was removed); a secret as { secret: true }' }) after!: unknown;
  @ApiPropertyOptional({ enum: [true], description: 'Present on secrets, which show only as changed' }) secret?: true;
}

export class ServerRevisionDto implements ServerRevision {
  @ApiProperty({ format: 'uuid' }) serverId!: string;
  @ApiProperty({ minimum: 1 }) revision!: number;
  @ApiProperty({ enum: REVISION_ACTIONS }) action!: RevisionAction;
  @ApiProperty({ type: Number, nullable: true, description: 'The revision a restore brought back' }) restoredFrom!: number | null;
  @ApiProperty({ type: RevisionActorDto }) actor!: Actor;
  @ApiProperty({ type: String, nullable: true }) correlationId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'name, description, type, transport, enabled, tags and config (secrets masked)' })
  registration!: ServerRegistration;
  @ApiProperty({ type: [FieldChangeDto] }) changes!: FieldChangeRecord[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) serverDeletedAt!: string | null;
}

export class ServerRevisionPageDto implements ServerRevisionPage {
  @ApiProperty({ type: [ServerRevisionDto] }) items!: ServerRevision[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class RestoreRevisionResponseDto extends McpServerDto {
  @ApiProperty({ description: 'The revision the restore made (the current one when nothing changed)' }) revision!: number;
  @ApiPropertyOptional({ type: [String], description: 'Changed paths a running server takes only at its next start' })
  appliesAtNextStart?: string[];
}
