import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';

import { FleetDirectory, ToolSwitchesRepository } from '@mcp-fleet/api/runtime/data-access';
import { FleetToolSwitches, type ToolSwitchesApplied } from '@mcp-fleet/api/servers/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';

import { SwitchToolCommand } from './switch-tool.command';
import { maySwitch } from './switch-tool.handler';

/**
 * The fleet document's tool switches (the servers domain's port): read from the database, asked
 * of the switch rule, and switched one by one through SwitchToolCommand, so each switch has its
 * event and every replica's directory sees it, exactly as through the REST route.
 */
@Injectable()
export class RuntimeFleetToolSwitches extends FleetToolSwitches {
  constructor(
    private readonly switches: ToolSwitchesRepository,
    private readonly directory: FleetDirectory,
    private readonly commands: CommandBus,
  ) {
    super();
  }

  async disabledTools(): Promise<Map<string, string[]>> {
    const byServer = await this.switches.disabled();
    return new Map([...byServer].map(([serverId, tools]) => [serverId, [...tools].sort()]));
  }

  async unknownTools(serverId: string, tools: string[]): Promise<string[]> {
    if (tools.length === 0) {
      return [];
    }
    const entry = await this.directory.lookup(serverId);
    return entry ? tools.filter((tool) => !maySwitch(entry, tool)) : [];
  }

  async apply(serverId: string, disabledTools: string[], context: CallContext): Promise<ToolSwitchesApplied> {
    const current = (await this.switches.disabled(serverId)).get(serverId) ?? new Set<string>();
    const wanted = new Set(disabledTools);
    const switchedOff = [...wanted].filter((tool) => !current.has(tool)).sort();
    const switchedOn = [...current].filter((tool) => !wanted.has(tool)).sort();
    for (const tool of switchedOff) {
      await this.commands.execute(new SwitchToolCommand(serverId, tool, false, context));
    }
    for (const tool of switchedOn) {
      await this.commands.execute(new SwitchToolCommand(serverId, tool, true, context));
    }
    return { switchedOff, switchedOn };
  }
}
