import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { type DirectoryEntry, FleetDirectory, ToolSwitchesRepository } from '@mcp-fleet/api/runtime/data-access';
import { serverNotFound } from '@mcp-fleet/api/servers/data-access';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import type { ToolSwitch } from '@mcp-fleet/shared/contracts';

import { toolSwitched } from '../../domain/lifecycle-events';
import { SwitchToolCommand } from './switch-tool.command';

/**
 * The switch rule: a tool may be switched when the server lists it, is switched off already, or
 * the server never reported its tools (switched off before its first start). The fleet document
 * asks the same rule (RuntimeFleetToolSwitches).
 */
export function maySwitch(entry: DirectoryEntry, tool: string): boolean {
  return !entry.catalog || entry.disabledTools.has(tool) || entry.catalog.tools.some((item) => item['name'] === tool);
}

/**
 * Switches a tool off (hidden from every MCP client, its calls refused) or on. A tool the server
 * has not reported may be switched too when the server never reported any (switched off before
 * its first start); otherwise an unknown name is TOOL_NOT_FOUND, as a typo would otherwise pass.
 */
@CommandHandler(SwitchToolCommand)
export class SwitchToolHandler implements ICommandHandler<SwitchToolCommand> {
  constructor(
    private readonly switches: ToolSwitchesRepository,
    private readonly directory: FleetDirectory,
    private readonly store: EventStore,
  ) {}

  async execute({ serverId, tool, enabled, context }: SwitchToolCommand): Promise<ToolSwitch> {
    const entry = await this.directory.lookup(serverId);
    if (!entry) {
      throw serverNotFound(serverId);
    }
    const { server } = entry;
    if (!maySwitch(entry, tool)) {
      throw new DomainError('TOOL_NOT_FOUND', `${server.name} has no tool named ${tool}`, { serverId, tool });
    }
    if (!(await this.switches.set(serverId, tool, enabled, context.actor.name))) {
      throw serverNotFound(serverId);
    }
    if (entry.disabledTools.has(tool) === !enabled) {
      // Already so: nothing changed, no event.
      return { serverId, tool, enabled };
    }
    await this.store.append(toolSwitched(server, tool, enabled, context));
    // Every replica reads the switch when the event arrives; this one at once, so the answer holds.
    await this.directory.refresh(serverId);
    return { serverId, tool, enabled };
  }
}
