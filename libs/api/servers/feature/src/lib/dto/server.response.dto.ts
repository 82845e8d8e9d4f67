import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import {
  type ApiError,
  DESIRED_STATES,
  type DesiredState,
  ERROR_CODES,
  type ErrorCode,
  HEALTH_STATUSES,
  type HealthStatus,
  type McpServer,
  type McpServerDetail,
  type Page,
  SERVER_STATES,
  SERVER_STATUSES,
  SERVER_TRANSPORTS,
  type ServerFailure,
  type ServerHealth,
  type ServerMetrics,
  type ServerSelection,
  type ServerState,
  type ServerStatus,
  type ServerTransport,
} from '@mcp-fleet/shared/contracts';

import { ServerConfigDto } from './server-config.dto';

/* Response shapes, declared for the OpenAPI document only. */

class ServerHealthDto implements ServerHealth {
  @ApiProperty({ enum: HEALTH_STATUSES }) status!: HealthStatus;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastCheckedAt!: string | null;
  @ApiProperty() consecutiveFailures!: number;
  @ApiProperty({ type: Number, nullable: true }) latencyMs!: number | null;
}

class ServerMetricsDto implements ServerMetrics {
  @ApiProperty() requestCount!: number;
  @ApiProperty() errorCount!: number;
  @ApiProperty({ type: Number, nullable: true }) averageResponseTimeMs!: number | null;
  @ApiProperty() restartCount!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastStartedAt!: string | null;
}

class ServerFailureDto implements ServerFailure {
  @ApiProperty({ enum: ['start', 'run', 'unhealthy'] }) kind!: ServerFailure['kind'];
  @ApiProperty({ description: 'A failure reason (EXITED, STARTUP_TIMEOUT, ...); for unhealthy, the failed check (TIMEOUT, ...)' })
  reason!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: Number, nullable: true }) exitCode!: number | null;
  @ApiProperty({ type: String, nullable: true }) signal!: string | null;
  @ApiProperty({ type: [String], description: 'The last stderr lines before it, secrets redacted' }) lastStderr!: string[];
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ minimum: 0, description: 'Starts that failed in a row since the last one that succeeded' }) failedStarts!: number;
}

export class McpServerDto implements McpServer {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ enum: SERVER_TRANSPORTS }) transport!: ServerTransport;
  @ApiProperty({ enum: SERVER_STATUSES }) status!: ServerStatus;
  @ApiProperty({ enum: SERVER_STATES }) state!: ServerState;
  @ApiProperty({ enum: DESIRED_STATES }) desiredState!: DesiredState;
  @ApiProperty({ type: ServerConfigDto }) config!: McpServer['config'];
  @ApiProperty({ type: ServerHealthDto }) health!: ServerHealth;
  @ApiProperty({ type: ServerMetricsDto }) metrics!: ServerMetrics;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  @ApiProperty({
    minimum: 0,
    description: 'Definitions (tools, resources, prompts) that differ from their approved ones: changed, new or removed; 0 without drift',
  })
  driftCount!: number;

  @ApiProperty({ description: 'The running process was started from a config that differs in what applies only at a start' })
  pendingRestart!: boolean;

  @ApiProperty({ type: [String], description: 'The differing paths, for example config.args or config.env.API_KEY' })
  pendingPaths!: string[];

  @ApiProperty({ type: ServerFailureDto, nullable: true, description: 'The last failure, kept after a recovery; null: never failed' })
  lastFailure!: ServerFailure | null;
}

export class McpServerDetailDto extends McpServerDto implements McpServerDetail {
  @ApiProperty({ type: String, nullable: true, description: 'The API replica that runs the server (holds its lease); null when none does' })
  owner!: string | null;
}

export class McpServerPageDto implements Page<McpServer> {
  @ApiProperty({ type: [McpServerDto] }) items!: McpServer[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class ServerSelectionItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class ServerSelectionDto implements ServerSelection {
  @ApiProperty({ type: [ServerSelectionItemDto], description: 'By name' }) items!: { id: string; name: string }[];
  @ApiProperty() total!: number;
}

export class ApiErrorDto implements ApiError {
  @ApiProperty() statusCode!: number;
  @ApiProperty({ enum: ERROR_CODES }) code!: ErrorCode;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: 'For VALIDATION_FAILED: [{ field, messages }]' }) details?: unknown;
  @ApiProperty() correlationId!: string;
}
