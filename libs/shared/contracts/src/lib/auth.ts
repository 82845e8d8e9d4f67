/** What a principal may do. Routes declare one; everything else is denied. */
export const PERMISSIONS = [
  'mcp:view_servers',
  'mcp:manage_servers',
  'mcp:bulk_operations',
  'mcp:view_events',
  'mcp:configure_servers',
  'mcp:admin',
  'mcp:call_tools',
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
  operator: ['mcp:view_servers', 'mcp:view_events', 'mcp:manage_servers', 'mcp:bulk_operations', 'mcp:call_tools'],
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

/** The signed-in user changes their own password; the new one follows the same rule as on creation. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface ApiToken {
  id: string;
  name: string;
  /** The first characters of the token, to recognise it in lists. */
  prefix: string;
  permissions: Permission[];
  /** The servers this token may see and use (REST and the MCP gateway); null means every server. */
  serverIds: string[] | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface CreateApiTokenRequest {
  name: string;
  permissions: Permission[];
  /** Limits the token to these servers; omitted means every server. */
  serverIds?: string[];
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
  /** An API token limited to these servers; absent means every server. */
  serverIds?: readonly string[];
}

/** Who may use the MCP gateway: either permission is enough. */
export const GATEWAY_PERMISSIONS: readonly Permission[] = ['mcp:manage_servers', 'mcp:call_tools'];

/** Whether a principal may see and use a server (an API token's server scope). */
export function principalMayUse(principal: Pick<Principal, 'serverIds'>, serverId: string): boolean {
  return principal.serverIds === undefined || principal.serverIds.includes(serverId);
}

export const AUTH_LIMITS = {
  passwordMinLength: 12,
  passwordMaxLength: 256,
  emailMaxLength: 254,
  displayNameMaxLength: 100,
  tokenNameMaxLength: 100,
  tokenMaxServerIds: 500,
} as const;
