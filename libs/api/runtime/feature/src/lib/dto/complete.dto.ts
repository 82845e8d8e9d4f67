import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateBy, ValidateNested } from 'class-validator';

import { type CompleteRequest, type CompletionRef, RESOURCE_READ_LIMITS } from '@mcp-fleet/shared/contracts';

import { IsStringMap } from './string-map';

/** Names of prompts and arguments: generous, but bounded. */
const NAME_MAX_LENGTH = 256;
/** A partial value typed by a person. */
const VALUE_MAX_LENGTH = 4096;

/** `{ type: 'ref/prompt', name }` or `{ type: 'ref/resource', uri }`, nothing else. */
export function isCompletionRef(value: unknown): value is CompletionRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const ref = value as Record<string, unknown>;
  const text = (key: string, max: number) => typeof ref[key] === 'string' && ref[key].length > 0 && ref[key].length <= max;
  const keys = Object.keys(ref).sort().join(',');
  if (ref['type'] === 'ref/prompt') {
    return keys === 'name,type' && text('name', NAME_MAX_LENGTH);
  }
  if (ref['type'] === 'ref/resource') {
    return keys === 'type,uri' && text('uri', RESOURCE_READ_LIMITS.uriMaxLength);
  }
  return false;
}

export class CompletionArgumentDto {
  @ApiProperty({ description: 'The argument (of the prompt) or template variable (of the resource) to complete', example: 'department' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX_LENGTH)
  name!: string;

  @ApiProperty({ description: 'What was typed so far (may be empty)', example: 'Eng' })
  @IsString()
  @MaxLength(VALUE_MAX_LENGTH)
  value!: string;
}

export class CompletionContextDto {
  @ApiPropertyOptional({ description: 'Arguments already chosen', type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsStringMap()
  arguments?: Record<string, string>;
}

export class CompleteDto implements CompleteRequest {
  @ApiProperty({
    description: "What to complete for: `{ type: 'ref/prompt', name }` or `{ type: 'ref/resource', uri }` (a resource template)",
    example: { type: 'ref/prompt', name: 'completable-prompt' },
  })
  @ValidateBy({
    name: 'isCompletionRef',
    validator: {
      validate: isCompletionRef,
      defaultMessage: () => "ref must be { type: 'ref/prompt', name } or { type: 'ref/resource', uri } with a non-empty name or uri",
    },
  })
  ref!: CompletionRef;

  @ApiProperty({ type: CompletionArgumentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CompletionArgumentDto)
  argument!: CompletionArgumentDto;

  @ApiPropertyOptional({ type: CompletionContextDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CompletionContextDto)
  context?: CompletionContextDto;
}
