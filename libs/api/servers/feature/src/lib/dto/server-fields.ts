import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Length, Matches, MaxLength } from 'class-validator';

import { SERVER_LIMITS as L } from '@mcp-fleet/shared/contracts';

/** Field rules shared by register and update, so the two can never drift apart. */
export const ServerNameRules = () =>
  applyDecorators(
    IsString(),
    Length(1, L.nameMaxLength),
    Matches(L.namePattern, {
      message: 'name must start with a letter or digit and contain only letters, digits, ".", "_" and "-"',
    }),
  );

export const ServerTypeRules = () =>
  applyDecorators(
    IsString(),
    Length(1, L.typeMaxLength),
    Matches(L.typePattern, { message: 'type must be lowercase letters, digits, ".", "_" and "-"' }),
  );

export const DescriptionRules = () => applyDecorators(IsString(), MaxLength(L.descriptionMaxLength));

/** Tags are trimmed, lowercased and de-duplicated before they are checked. */
export const TagsRules = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value)
        ? [...new Set((value as unknown[]).map((tag) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag)))]
        : value,
    ),
    IsArray(),
    ArrayMaxSize(L.maxTags),
    IsString({ each: true }),
    Length(1, L.tagMaxLength, { each: true }),
    Matches(L.tagPattern, { each: true, message: 'each tag must be lowercase letters, digits, ".", "_", ":" and "-"' }),
  );
