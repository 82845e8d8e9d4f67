import {
  type ConfigValue,
  DEFAULT_SERVER_PROTOCOL,
  isSecretValue,
  SERVER_PROTOCOLS,
  type ServerProtocol,
  TOOL_POLICIES,
  type ToolPolicy,
} from '@mcp-fleet/shared/contracts';

export interface ConfigPair {
  name: string;
  /** The plain value, or the mask for a secret. */
  value: string;
  secret: boolean;
}

/** What a secret shows in place of its value. */
export const SECRET_MASK = '•••• (secret)';

/**
 * Env variables or headers as name/value rows, sorted by name. A secret never shows a value,
 * even if one were present in the response.
 */
export function configPairs(record: Record<string, ConfigValue> | undefined | null): ConfigPair[] {
  return Object.entries(record ?? {})
    .map(
      ([name, value]): ConfigPair =>
        isSecretValue(value) ? { name, value: SECRET_MASK, secret: true } : { name, value: String(value), secret: false },
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

const PROTOCOL_TEXT: Record<ServerProtocol, { label: string; hint: string }> = {
  auto: { label: 'Auto', hint: 'Tries 2026-07-28 (server/discover), falls back to the session protocol' },
  '2026-07-28': { label: '2026-07-28', hint: 'The stateless protocol only (server/discover)' },
  legacy: { label: 'Legacy', hint: 'The session protocol only (initialize; 2025-11-25 and earlier)' },
};

export interface ProtocolOption {
  value: ServerProtocol;
  label: string;
  hint: string;
}

/** The protocol settings, in the contract's order, named and explained for the form and the overview. */
export const PROTOCOL_OPTIONS: readonly ProtocolOption[] = SERVER_PROTOCOLS.map((value) => ({ value, ...PROTOCOL_TEXT[value] }));

/** The protocol setting as stored (absent means the default, auto), named. */
export function protocolSetting(protocol: ServerProtocol | null | undefined): ProtocolOption {
  const value = protocol ?? DEFAULT_SERVER_PROTOCOL;
  return { value, ...(PROTOCOL_TEXT[value] ?? { label: value, hint: '' }) };
}

/** The form's choice for `config.toolPolicy`: a policy of the server's own, or none (the fleet default). */
export type ToolPolicyChoice = ToolPolicy | 'default';

const TOOL_POLICY_TEXT: Record<ToolPolicy, { label: string; hint: string }> = {
  warn: { label: 'Warn', hint: 'Changed or new tool definitions are flagged until approved; calls still answer' },
  block: { label: 'Block', hint: 'Calls of changed or new tools are refused (TOOL_NOT_APPROVED) until approved' },
};

export interface ToolPolicyOption {
  value: ToolPolicyChoice;
  label: string;
  hint: string;
}

/** The tool-drift settings: the fleet default first, then the contract's policies in its order. */
export const TOOL_POLICY_OPTIONS: readonly ToolPolicyOption[] = [
  { value: 'default', label: 'Fleet default', hint: 'The fleet-wide TOOL_DRIFT_POLICY (warn unless set)' },
  ...TOOL_POLICIES.map((value) => ({ value, ...TOOL_POLICY_TEXT[value] })),
];

/** The tool policy as stored (absent means the fleet default), named. */
export function toolPolicySetting(policy: ToolPolicy | null | undefined): ToolPolicyOption {
  const value: ToolPolicyChoice = policy ?? 'default';
  return TOOL_POLICY_OPTIONS.find((option) => option.value === value) ?? { value, label: value, hint: '' };
}
