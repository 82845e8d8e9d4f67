/**
 * Tool-drift control: every tool, resource and prompt definition a server reports is hashed; the
 * first ones seen are the approved baseline (trust on first use); a definition that differs from
 * its approved one later is drift, flagged and, under the `block` policy, refused until approved.
 */
export const TOOL_POLICIES = ['warn', 'block'] as const;
/** `warn` flags drift; `block` also refuses calls of changed and new tools (409 TOOL_NOT_APPROVED). */
export type ToolPolicy = (typeof TOOL_POLICIES)[number];
export const DEFAULT_TOOL_POLICY: ToolPolicy = 'warn';

export const CATALOG_KINDS = ['tools', 'resources', 'prompts'] as const;
export type CatalogKindName = (typeof CATALOG_KINDS)[number];
export type DriftKind = 'changed' | 'new' | 'removed';

/** One definition that differs from its approved one. */
export interface DriftItem {
  kind: CatalogKindName;
  /** The tool or prompt name, or the resource URI. */
  name: string;
  drift: DriftKind;
  /** The approved definition (absent for `new`). */
  approved?: Record<string, unknown>;
  /** The definition the server reports now (absent for `removed`). */
  current?: Record<string, unknown>;
  /** The fields of the definition that differ (`description`, `inputSchema`, ...), for `changed`. */
  changedFields?: string[];
}

/** `GET /api/mcp/servers/:id/drift`. */
export interface DriftReport {
  serverId: string;
  /** The policy in force: the server's own, else the fleet default. */
  policy: ToolPolicy;
  /** When the baseline was taken (trust on first use); null before the server was first listed. */
  baselineAt: string | null;
  items: DriftItem[];
}

/** `POST /api/mcp/servers/:id/tools/approve`: names (resource URIs) whose current definitions become the approved ones. */
export interface ApproveDefinitionsRequest {
  tools?: string[];
  resources?: string[];
  prompts?: string[];
}

export interface ApproveDefinitionsResponse {
  serverId: string;
  approved: { kind: CatalogKindName; name: string; drift: DriftKind }[];
  /** What still differs from its approved definition after this approval. */
  remaining: DriftItem[];
}

export const DRIFT_LIMITS = { maxNamesPerApproval: 500, nameMaxLength: 2048 } as const;
