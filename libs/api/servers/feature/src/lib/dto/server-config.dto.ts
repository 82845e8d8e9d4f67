import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';

import {
  type ConfigValue,
  type NumericConfigField,
  SERVER_CONFIG_BOUNDS as B,
  SERVER_LIMITS as L,
  SERVER_PROTOCOLS,
  type ServerConfigPatch,
  type ServerProtocol,
  TOOL_POLICIES,
  type ToolPolicy,
} from '@mcp-fleet/shared/contracts';

import { IsConfigValueMap } from './config-value-map.validator';

const NO_NUL = /^[^\0]*$/;

/** An optional integer within the documented bounds of a numeric config field. */
const BoundedIntRules = (field: NumericConfigField) =>
  applyDecorators(
    ApiPropertyOptional({ minimum: B[field].min, maximum: B[field].max, default: B[field].default }),
    IsOptional(),
    IsInt(),
    Min(B[field].min),
    Max(B[field].max),
  );

/**
 * Server config as sent by clients. Every field is optional here: which ones a transport
 * needs is checked by the domain rules. In an update, `null` removes a field.
 */
export class ServerConfigDto implements ServerConfigPatch {
  @ApiPropertyOptional({ description: 'stdio: executable, spawned without a shell', example: 'npx' })
  @IsOptional()
  @IsString()
  @Length(1, L.commandMaxLength)
  @Matches(NO_NUL, { message: 'command must not contain NUL characters' })
  command?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['-y', '@modelcontextprotocol/server-everything'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.maxArgs)
  @IsString({ each: true })
  @MaxLength(L.argMaxLength, { each: true })
  @Matches(NO_NUL, { each: true, message: 'args must not contain NUL characters' })
  args?: string[] | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Values are strings, or { "secret": true, "value": "..." } for secrets (returned as { "secret": true })',
    example: { LOG_LEVEL: 'info', API_KEY: { secret: true, value: 'sk-...' } },
  })
  @IsOptional()
  @IsConfigValueMap({
    keyPattern: L.envNamePattern,
    keyMaxLength: L.envNameMaxLength,
    valueMaxLength: L.envValueMaxLength,
    maxEntries: L.maxEnv,
    forbiddenValueChars: /\0/,
  })
  env?: Record<string, ConfigValue> | null;

  @ApiPropertyOptional({ description: 'stdio: absolute working directory', example: '/srv/mcp' })
  @IsOptional()
  @IsString()
  @Length(1, L.cwdMaxLength)
  @Matches(NO_NUL, { message: 'cwd must not contain NUL characters' })
  cwd?: string | null;

  @ApiPropertyOptional({ description: 'streamable-http / sse: endpoint', example: 'https://mcp.example.com/mcp' })
  @IsOptional()
  @IsString()
  @Length(1, L.urlMaxLength)
  url?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Values are strings, or { "secret": true, "value": "..." } for secrets',
    example: { 'X-Team': 'search', Authorization: { secret: true, value: 'Bearer ...' } },
  })
  @IsOptional()
  @IsConfigValueMap({
    keyPattern: L.headerNamePattern,
    keyMaxLength: L.headerNameMaxLength,
    valueMaxLength: L.headerValueMaxLength,
    maxEntries: L.maxHeaders,
    forbiddenValueChars: /[\r\n\0]/,
  })
  headers?: Record<string, ConfigValue> | null;

  @ApiPropertyOptional({
    enum: SERVER_PROTOCOLS,
    default: 'auto',
    description: 'The MCP protocol era: auto (probe server/discover, fall back to initialize), 2026-07-28 or legacy',
  })
  @IsOptional()
  @IsIn(SERVER_PROTOCOLS)
  protocol?: ServerProtocol | null;

  @ApiPropertyOptional({
    enum: TOOL_POLICIES,
    description:
      'What a drifted tool definition does: warn (flag it) or block (refuse its calls until approved); absent: the fleet default',
  })
  @IsOptional()
  @IsIn(TOOL_POLICIES)
  toolPolicy?: ToolPolicy | null;

  @BoundedIntRules('startupTimeoutMs')
  startupTimeoutMs?: number | null;

  @BoundedIntRules('requestTimeoutMs')
  requestTimeoutMs?: number | null;

  @BoundedIntRules('killTimeoutMs')
  killTimeoutMs?: number | null;

  @BoundedIntRules('retryAttempts')
  retryAttempts?: number | null;

  @BoundedIntRules('healthCheckIntervalMs')
  healthCheckIntervalMs?: number | null;

  @BoundedIntRules('maxRestarts')
  maxRestarts?: number | null;

  @BoundedIntRules('healthCheckTimeoutMs')
  healthCheckTimeoutMs?: number | null;

  @BoundedIntRules('healthFailureThreshold')
  healthFailureThreshold?: number | null;

  @ApiPropertyOptional({ type: [Number], description: 'Exit codes after which the server is not restarted', example: [0] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(255, { each: true })
  stopExitCodes?: number[] | null;
}
