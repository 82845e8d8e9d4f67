import { Optional } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { FleetToolSwitches, McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import type {
  FleetApplyItemResult,
  FleetApplyResponse,
  FleetDocument,
  FleetPlanItem,
  FleetServer,
  McpServer,
  ServerConfigPatch,
} from '@mcp-fleet/shared/contracts';

import { checkFleetDocument, readFleetBody } from '../../fleet/fleet-document';
import { disabledToolsOf, planFleet, registrationOf, TOOL_SWITCH_PATH } from '../../fleet/fleet-plan';
import { requireToolSwitches } from '../../fleet/require-tool-switches';
import { DeleteServerCommand } from '../delete-server/delete-server.command';
import { RegisterServerCommand } from '../register-server/register-server.command';
import { UpdateServerCommand } from '../update-server/update-server.command';
import { ApplyFleetCommand } from './apply-fleet.command';

/**
 * Plans a fleet document against the stored servers and, unless it is a dry run, applies the plan
 * item by item through the register, update and delete commands, so each server gets its
 * revision, its event and the launch-safety check exactly as a change through its own route would.
 * The document is checked whole first: a refused document writes nothing.
 */
@CommandHandler(ApplyFleetCommand)
export class ApplyFleetHandler implements ICommandHandler<ApplyFleetCommand> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly commands: CommandBus,
    // Provided by the runtime (a global module); absent only where the runtime is not loaded.
    @Optional() private readonly switches?: FleetToolSwitches,
  ) {}

  async execute({ body, dryRun, prune, context }: ApplyFleetCommand): Promise<FleetApplyResponse> {
    const document = checkFleetDocument(readFleetBody(body));
    const switches = requireToolSwitches(this.switches);
    const [stored, disabled] = await Promise.all([this.servers.findAll(), switches.disabledTools()]);
    const plan = await this.refuseUnknownTools(planFleet(document, stored, prune, disabled), document, disabled, switches);
    if (dryRun) {
      return { dryRun, prune, items: plan };
    }
    const byId = new Map(stored.map((server) => [server.id, server]));
    const results: FleetApplyItemResult[] = [];
    for (const item of plan) {
      results.push(await this.applyItem(item, document, byId, context, switches));
    }
    return { dryRun, prune, items: results };
  }

  /**
   * The switch rule, asked before anything is written: a tool to switch off that the server's
   * catalog does not list refuses the item (TOOL_NOT_FOUND), with the path of the first such name.
   */
  private async refuseUnknownTools(
    plan: FleetPlanItem[],
    document: FleetDocument,
    disabled: ReadonlyMap<string, readonly string[]>,
    switches: FleetToolSwitches,
  ): Promise<FleetPlanItem[]> {
    return Promise.all(
      plan.map(async (item) => {
        if (item.action !== 'update' || item.refusal || !item.serverId) {
          return item;
        }
        const index = document.servers.findIndex((server) => server.name === item.name);
        const server = document.servers[index];
        const off = new Set(disabled.get(item.serverId) ?? []);
        const unknown = await switches.unknownTools(
          item.serverId,
          disabledToolsOf(server).filter((tool) => !off.has(tool)),
        );
        if (unknown.length === 0) {
          return item;
        }
        const names = unknown.join(', ');
        return {
          ...item,
          refusal: {
            code: 'TOOL_NOT_FOUND',
            path: `servers[${index}].disabledTools[${(server.disabledTools ?? []).indexOf(unknown[0])}]`,
            message: `${item.name} has no tool named ${names}: only a tool the server lists can be switched off`,
          },
        };
      }),
    );
  }

  private async applyItem(
    item: FleetPlanItem,
    document: FleetDocument,
    stored: Map<string, McpServer>,
    context: CallContext,
    switches: FleetToolSwitches,
  ): Promise<FleetApplyItemResult> {
    if (item.refusal) {
      return { ...item, success: false, code: item.refusal.code, message: item.refusal.message };
    }
    try {
      const server = document.servers.find((candidate) => candidate.name === item.name);
      const current = item.serverId ? stored.get(item.serverId) : undefined;
      if (item.action === 'create' && server) {
        const created = await this.commands.execute(new RegisterServerCommand(registrationOf(server), context));
        const switched = await this.switchTools(created.id, server, context, switches);
        return { ...item, serverId: created.id, success: true, message: `${item.name} registered`, ...switched };
      }
      if (item.action === 'update' && server && current) {
        if (item.changedPaths.some((path) => !path.startsWith(TOOL_SWITCH_PATH))) {
          const wanted = registrationOf(server);
          const config: ServerConfigPatch = { ...wanted.config };
          for (const key of Object.keys(current.config) as (keyof ServerConfigPatch)[]) {
            if (!(key in wanted.config)) {
              config[key] = null;
            }
          }
          await this.commands.execute(new UpdateServerCommand(current.id, { ...wanted, version: current.version, config }, context));
        }
        const switched = item.changedPaths.some((path) => path.startsWith(TOOL_SWITCH_PATH))
          ? await this.switchTools(current.id, server, context, switches)
          : {};
        return { ...item, success: true, message: `${item.name} updated`, ...switched };
      }
      if (item.action === 'delete' && current) {
        await this.commands.execute(new DeleteServerCommand(current.id, context));
        return { ...item, success: true, message: `${item.name} deleted` };
      }
      return { ...item, success: true, message: `${item.name} unchanged` };
    } catch (error) {
      if (error instanceof DomainError) {
        return { ...item, success: false, code: error.code, message: error.message };
      }
      throw error;
    }
  }

  /** Switches the server's tools as the document says; the result field when it switched any. */
  private async switchTools(
    serverId: string,
    server: FleetServer,
    context: CallContext,
    switches: FleetToolSwitches,
  ): Promise<Pick<FleetApplyItemResult, 'toolSwitches'>> {
    const applied = await switches.apply(serverId, disabledToolsOf(server), context);
    return applied.switchedOff.length + applied.switchedOn.length > 0 ? { toolSwitches: applied } : {};
  }
}
