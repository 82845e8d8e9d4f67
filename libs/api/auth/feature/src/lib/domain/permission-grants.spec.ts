import { systemContext } from '@mcp-fleet/api/shared/authz';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import { testCaller } from '@mcp-fleet/api/shared/testing';
import { PERMISSIONS, type Principal, ROLE_PERMISSIONS, type User } from '@mcp-fleet/shared/contracts';

import { assertMayActOn, assertMayGrant, grantablePermissions, permissionsNotHeld } from './permission-grants';

const ADMIN_ONLY = ['mcp:admin'] as const;

function refusal(act: () => void): { code: string; details: unknown } | undefined {
  try {
    act();
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) {
      throw error;
    }
    return { code: error.code, details: error.details };
  }
}

function user(role: User['role']): User {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: `${role}@example.com`,
    displayName: '',
    role,
    disabled: false,
    lastLoginAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('permissionsNotHeld', () => {
  it('lists what is granted beyond what is held, once each and in PERMISSIONS order', () => {
    expect(permissionsNotHeld(ADMIN_ONLY, ['mcp:configure_servers', 'mcp:admin', 'mcp:view_servers', 'mcp:view_servers'])).toEqual([
      'mcp:view_servers',
      'mcp:configure_servers',
    ]);
  });

  it('is empty for a subset, the same set, or nothing', () => {
    expect(permissionsNotHeld(PERMISSIONS, ['mcp:view_events'])).toEqual([]);
    expect(permissionsNotHeld(ROLE_PERMISSIONS.operator, ROLE_PERMISSIONS.operator)).toEqual([]);
    expect(permissionsNotHeld([], [])).toEqual([]);
  });
});

describe('assertMayGrant', () => {
  it('refuses a token holding only mcp:admin a wider grant, shaped like the guard (FORBIDDEN, details.missing)', () => {
    expect(refusal(() => assertMayGrant(ADMIN_ONLY, ['mcp:admin', 'mcp:configure_servers']))).toEqual({
      code: 'FORBIDDEN',
      details: { required: ['mcp:configure_servers', 'mcp:admin'], missing: ['mcp:configure_servers'] },
    });
  });

  it("refuses every role's permissions to mcp:admin alone, so it cannot create users of any role", () => {
    for (const role of ['viewer', 'operator', 'admin'] as const) {
      expect(refusal(() => assertMayGrant(ADMIN_ONLY, ROLE_PERMISSIONS[role]))?.code).toBe('FORBIDDEN');
    }
  });

  it('allows a subset of what is held', () => {
    expect(refusal(() => assertMayGrant(ROLE_PERMISSIONS.admin, ['mcp:configure_servers']))).toBeUndefined();
    expect(refusal(() => assertMayGrant(['mcp:admin', 'mcp:view_servers', 'mcp:view_events'], ROLE_PERMISSIONS.viewer))).toBeUndefined();
  });
});

describe('assertMayActOn', () => {
  it('refuses acting on a user who holds permissions the caller lacks', () => {
    expect(refusal(() => assertMayActOn(['mcp:admin', ...ROLE_PERMISSIONS.viewer], user('admin')))).toEqual({
      code: 'FORBIDDEN',
      details: {
        required: [...PERMISSIONS],
        missing: ['mcp:manage_servers', 'mcp:bulk_operations', 'mcp:configure_servers', 'mcp:call_tools'],
      },
    });
  });

  it('refuses a role change that would give the user what the caller lacks, listing all that is missing', () => {
    expect(refusal(() => assertMayActOn(['mcp:admin'], user('viewer'), 'operator'))).toEqual({
      code: 'FORBIDDEN',
      details: {
        required: ['mcp:view_servers', 'mcp:manage_servers', 'mcp:bulk_operations', 'mcp:view_events', 'mcp:call_tools'],
        missing: ['mcp:view_servers', 'mcp:manage_servers', 'mcp:bulk_operations', 'mcp:view_events', 'mcp:call_tools'],
      },
    });
    expect(refusal(() => assertMayActOn(['mcp:admin', ...ROLE_PERMISSIONS.viewer], user('viewer'), 'admin'))?.details).toMatchObject({
      missing: ['mcp:manage_servers', 'mcp:bulk_operations', 'mcp:configure_servers', 'mcp:call_tools'],
    });
  });

  it('allows acting on a user who holds no more than the caller', () => {
    expect(refusal(() => assertMayActOn(['mcp:admin', ...ROLE_PERMISSIONS.viewer], user('viewer')))).toBeUndefined();
    expect(refusal(() => assertMayActOn(ROLE_PERMISSIONS.admin, user('admin')))).toBeUndefined();
    expect(refusal(() => assertMayActOn(ROLE_PERMISSIONS.operator, user('viewer'), 'operator'))).toBeUndefined();
  });
});

describe('grantablePermissions', () => {
  const token: Principal = { kind: 'token', id: 't', name: 'automation', role: null, permissions: ['mcp:admin'] };

  it("is the principal's permissions when there is one, even for system work", () => {
    expect(grantablePermissions(token, testCaller)).toEqual(['mcp:admin']);
    expect(grantablePermissions(token, systemContext())).toEqual(['mcp:admin']);
  });

  it("is everything for the API's own work (first admin, user:create on the host)", () => {
    expect(grantablePermissions(undefined, systemContext())).toEqual(PERMISSIONS);
  });

  it('refuses a call from outside that names no principal', () => {
    expect(() => grantablePermissions(undefined, testCaller)).toThrow(/must name the principal/);
    expect(() => grantablePermissions(undefined, { ...testCaller, via: 'socket' })).toThrow(/must name the principal/);
  });
});
