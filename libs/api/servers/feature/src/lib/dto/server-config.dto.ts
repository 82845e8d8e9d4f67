import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';

import { SERVER_CONFIG_BOUNDS as B, SERVER_LIMITS as L, type ConfigValue, type ServerConfigPatch } from '@mcp-fleet/shared/contracts';

import { IsConfigValueMap } from './config-value-map.validator';

const NO_NUL = /^[^\0]*$/;

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

  @ApiPropertyOptional({ minimum: B.startupTimeoutMs.min, maximum: B.startupTimeoutMs.max, default: B.startupTimeoutMs.default })
  @IsOptional()
  @IsInt()
  @Min(B.startupTimeoutMs.min)
  @Max(B.startupTimeoutMs.max)
  startupTimeoutMs?: number | null;

  @ApiPropertyOptional({ minimum: B.requestTimeoutMs.min, maximum: B.requestTimeoutMs.max, default: B.requestTimeoutMs.default })
  @IsOptional()
  @IsInt()
  @Min(B.requestTimeoutMs.min)
  @Max(B.requestTimeoutMs.max)
  requestTimeoutMs?: number | null;

  @ApiPropertyOptional({ minimum: B.killTimeoutMs.min, maximum: B.killTimeoutMs.max, default: B.killTimeoutMs.default })
  @IsOptional()
  @IsInt()
  @Min(B.killTimeoutMs.min)
  @Max(B.killTimeoutMs.max)
  killTimeoutMs?: number | null;

  @ApiPropertyOptional({ minimum: B.retryAttempts.min, maximum: B.retryAttempts.max, default: B.retryAttempts.default })
  @IsOptional()
  @IsInt()
  @Min(B.retryAttempts.min)
  @Max(B.retryAttempts.max)
  retryAttempts?: number | null;

  @ApiPropertyOptional({
    minimum: B.healthCheckIntervalMs.min,
    maximum: B.healthCheckIntervalMs.max,
    default: B.healthCheckIntervalMs.default,
  })
  @IsOptional()
  @IsInt()
  @Min(B.healthCheckIntervalMs.min)
  @Max(B.healthCheckIntervalMs.max)
  healthCheckIntervalMs?: number | null;
}
