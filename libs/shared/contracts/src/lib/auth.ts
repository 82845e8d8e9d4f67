/** What a principal may do. Routes declare one; everything else is denied. */
export const PERMISSIONS = [
  'mcp:view_servers',
  'mcp:manage_servers',
  'mcp:bulk_operations',
  'mcp:view_events',
  'mcp:configure_servers',
  'mcp:admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The role matrix. Registering or editing a server (`mcp:configure_servers`) means choosing
 * a command this host will execute, so only admins hold it by default.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: ['mcp:view_servers', 'mcp:view_events'],
  operator: ['mcp:view_servers', 'mcp:view_events', 'mcp:manage_servers', 'mcp:bulk_operations'],
  admin: PERMISSIONS,
};

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: User;
}

export interface CreateUserRequest {
  email: string;
  displayName?: string;
  role: Role;
  password: string;
}

export interface UpdateUserRequest {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
}

export interface ResetPasswordRequest {
  password: string;
}

export interface ApiToken {
  id: string;
  name: string;
  /** The first characters of the token, to recognise it in lists. */
  prefix: string;
  permissions: Permission[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface CreateApiTokenRequest {
  name: string;
  permissions: Permission[];
  /** ISO-8601; omitted means the token never expires. */
  expiresAt?: string;
}

export interface CreateApiTokenResponse {
  /** Shown once; only its hash is stored. */
  token: string;
  apiToken: ApiToken;
}

/** Who made a request: a signed-in user or an API token. */
export interface Principal {
  kind: 'user' | 'token';
  id: string;
  /** Email for users, token name for API tokens. */
  name: string;
  role: Role | null;
  permissions: Permission[];
}

export const AUTH_LIMITS = {
  passwordMinLength: 12,
  passwordMaxLength: 256,
  emailMaxLength: 254,
  displayNameMaxLength: 100,
  tokenNameMaxLength: 100,
} as const;
