import { type ApiToken, type Permission, PERMISSIONS, type Role, ROLE_PERMISSIONS } from '@mcp-fleet/shared/contracts';

/** What each role may do, in one line (the matrix itself is ROLE_PERMISSIONS in contracts). */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'Sees servers, health, logs and events; changes nothing.',
  operator: 'Viewer rights, plus start, stop and restart servers, one by one or in bulk.',
  admin: 'Everything: registers and configures servers, manages users, API tokens and the audit log.',
};

export const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  'mcp:view_servers': 'Read servers, their health, capabilities and logs',
  'mcp:manage_servers': 'Start, stop, restart servers and call their tools',
  'mcp:bulk_operations': 'Run start, stop and restart on many servers at once',
  'mcp:view_events': 'Read the event history and export it',
  'mcp:configure_servers': 'Register, edit and delete servers (runs commands on this host)',
  'mcp:admin': 'Manage users and API tokens, read the audit log',
  'mcp:call_tools': 'Use the MCP gateway (list and call tools) and nothing else',
};

export interface PermissionPreset {
  label: string;
  permissions: readonly Permission[];
}

/** The token presets follow the roles, so a token never holds a mix no person could have. */
export const TOKEN_PRESETS: readonly PermissionPreset[] = [
  { label: 'Read-only', permissions: ROLE_PERMISSIONS.viewer },
  { label: 'Operator', permissions: ROLE_PERMISSIONS.operator },
  { label: 'Full', permissions: PERMISSIONS },
];

export type TokenStatus = 'active' | 'expired' | 'revoked';

export function tokenStatus(token: ApiToken, now = Date.now()): TokenStatus {
  if (token.revokedAt) {
    return 'revoked';
  }
  return token.expiresAt && new Date(token.expiresAt).getTime() <= now ? 'expired' : 'active';
}
