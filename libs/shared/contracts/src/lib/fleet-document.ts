import type { ServerConfigInput, ServerTransport } from './server';

/** The header that marks a fleet document (docs/fleet-document.schema.json). */
export const FLEET_API_VERSION = 'mcp-fleet/v1';
export const FLEET_KIND = 'Fleet';
export const FLEET_FORMATS = ['yaml', 'json'] as const;
export type FleetFormat = (typeof FLEET_FORMATS)[number];

/** Limits of a document's own fields (the registration's are SERVER_LIMITS). */
export const FLEET_LIMITS = {
  /** A tool name as `PATCH /api/mcp/servers/:id/tools/:tool` takes it. */
  toolNamePattern: /^[A-Za-z0-9_./:-]{1,128}$/,
  maxDisabledTools: 1000,
} as const;

/** One server of a fleet document: its registration, keyed by its unique name. */
export interface FleetServer {
  name: string;
  description?: string;
  type?: string;
  transport: ServerTransport;
  /** Secrets are `{ secret: true }` (keep the stored one) or `{ secret: true, value }` (set it). */
  config: ServerConfigInput;
  enabled?: boolean;
  tags?: string[];
  /**
   * The tools switched off (`PATCH /api/mcp/servers/:id/tools/:tool`), sorted. An export leaves
   * the field out when none is; in a document, left out means none (an apply switches the rest on).
   */
  disabledTools?: string[];
}

/** `GET /api/mcp/fleet/export`, `POST /api/mcp/fleet/apply`: the whole fleet, fit for Git. */
export interface FleetDocument {
  apiVersion: typeof FLEET_API_VERSION;
  kind: typeof FLEET_KIND;
  servers: FleetServer[];
}

export const FLEET_PLAN_ACTIONS = ['create', 'update', 'delete', 'unchanged'] as const;
export type FleetPlanAction = (typeof FLEET_PLAN_ACTIONS)[number];

/** One server of a plan: what apply does to it, and which paths change (secrets by path only). */
export interface FleetPlanItem {
  name: string;
  action: FleetPlanAction;
  /** The id of the stored server (absent for a create). */
  serverId?: string;
  /**
   * Dotted paths that change (`config.args`, `config.env.API_KEY`, `disabledTools.search` for a
   * tool switched off or on); empty unless `update`.
   */
  changedPaths: string[];
  /**
   * Why this item cannot be applied (a secret reference with no stored secret, a tool to switch
   * off that the server's catalog does not list): the rest of the document still can. Apply
   * reports it as failed and writes nothing for it.
   */
  refusal?: { code: string; path: string; message: string };
}

/** The result of one item of an apply. */
export interface FleetApplyItemResult extends FleetPlanItem {
  success: boolean;
  code?: string;
  message?: string;
  /** The revision written for the server (create or update). */
  revision?: number;
  /** The tools this item switched off and on (present when it switched any). */
  toolSwitches?: { switchedOff: string[]; switchedOn: string[] };
}

/** `POST /api/mcp/fleet/apply`: the plan, and with `dryRun=false` what became of each item. */
export interface FleetApplyResponse {
  dryRun: boolean;
  prune: boolean;
  items: FleetPlanItem[] | FleetApplyItemResult[];
}
