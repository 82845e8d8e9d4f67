import type { CallContext } from '@mcp-fleet/api/shared/authz';

/** What one apply of a server's switches did: the tools it switched off and on, sorted. */
export interface ToolSwitchesApplied {
  switchedOff: string[];
  switchedOn: string[];
}

/**
 * The tool switches of the fleet document (docs/configuration.md, "The fleet as a document"),
 * seen from the servers domain. The runtime owns the switches and provides this port, so the
 * document switches a tool by the same rule, event and refresh as
 * `PATCH /api/mcp/servers/:id/tools/:tool`, and the servers domain does not depend on the runtime.
 */
export abstract class FleetToolSwitches {
  /** The tools switched off, by server id, sorted; a server without any is absent. */
  abstract disabledTools(): Promise<Map<string, string[]>>;

  /**
   * Of the tools to switch off, those the switch rule refuses: the server reported its tools and
   * does not list them. Empty when the server never reported any, or is not registered.
   */
  abstract unknownTools(serverId: string, tools: string[]): Promise<string[]>;

  /** Switches the server's tools so that exactly `disabledTools` are off, one switch at a time. */
  abstract apply(serverId: string, disabledTools: string[], context: CallContext): Promise<ToolSwitchesApplied>;
}
