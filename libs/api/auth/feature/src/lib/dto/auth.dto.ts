import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';

import { IsOmittable } from '@mcp-fleet/api/shared/errors';
import {
  AUTH_LIMITS as L,
  type ChangePasswordRequest,
  type CreateApiTokenRequest,
  type CreateUserRequest,
  type LoginRequest,
  type Permission,
  PERMISSIONS,
  type ResetPasswordRequest,
  type Role,
  ROLES,
  type UpdateUserRequest,
} from '@mcp-fleet/shared/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Ids compare case-insensitively: `ABC…` and `abc…` are one server, so a duplicate either way. */
const lowerCaseEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? item.toLowerCase() : item)) : value;

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'admin@example.com' })
  @IsString()
  @MaxLength(L.emailMaxLength)
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(L.passwordMaxLength)
  password!: string;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'operator@example.com' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(L.emailMaxLength)
  email!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(L.displayNameMaxLength)
  displayName?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ format: 'password', minLength: L.passwordMinLength })
  @IsString()
  @Length(L.passwordMinLength, L.passwordMaxLength)
  password!: string;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(L.displayNameMaxLength)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOmittable()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  disabled?: boolean;
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @ApiProperty({ format: 'password', minLength: L.passwordMinLength })
  @IsString()
  @Length(L.passwordMinLength, L.passwordMaxLength)
  password!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(L.passwordMaxLength)
  currentPassword!: string;

  /** The same rule as a new user's password (AUTH_LIMITS). */
  @ApiProperty({ format: 'password', minLength: L.passwordMinLength })
  @IsString()
  @Length(L.passwordMinLength, L.passwordMaxLength)
  newPassword!: string;
}

export class CreateApiTokenDto implements CreateApiTokenRequest {
  @ApiProperty({ example: 'deploy-bot' })
  @Transform(trim)
  @IsString()
  @Length(1, L.tokenNameMaxLength)
  name!: string;

  @ApiProperty({ enum: PERMISSIONS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(PERMISSIONS, { each: true })
  permissions!: Permission[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: L.tokenMaxServerIds,
    description: 'Limits the token to these registered servers; omit for every server',
  })
  @IsOmittable()
  @Transform(lowerCaseEach)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.tokenMaxServerIds)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  serverIds?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'Omit for a token that does not expire' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}
