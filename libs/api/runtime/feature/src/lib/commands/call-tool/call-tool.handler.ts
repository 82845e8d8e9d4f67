import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { FleetDirectory, type UpstreamOptions } from '@mcp-fleet/api/runtime/data-access';
import type { CallToolResponse, ToolCallInput } from '@mcp-fleet/shared/contracts';

import { DriftControl } from '../../drift/drift-control';
import { OwnerRouter } from '../../ownership/owner-router';
import { Supervisor } from '../../supervisor/supervisor.service';
import { refuseTool, runnableHere, upstreamFailure } from '../../upstream/runtime-upstream';
import { CallToolCommand } from './call-tool.command';

/** A tool call through REST: the same rules as through the gateway, and no database read (the directory is in memory). */
@CommandHandler(CallToolCommand)
export class CallToolHandler implements ICommandHandler<CallToolCommand> {
  constructor(
    private readonly supervisor: Supervisor,
    private readonly directory: FleetDirectory,
    private readonly router: OwnerRouter,
    private readonly drift: DriftControl,
  ) {
    router.handle('callTool', (serverId, { tool, args, input }, local) => this.here(serverId, tool, args, input, local));
  }

  execute({ serverId, tool, args, local, input }: CallToolCommand): Promise<CallToolResponse> {
    return this.router.run('callTool', serverId, { tool, args, input }, local);
  }

  private async here(
    serverId: string,
    tool: string,
    args: Record<string, unknown>,
    input: ToolCallInput | undefined,
    local?: UpstreamOptions,
  ): Promise<CallToolResponse> {
    const { entry, run } = await runnableHere(this.directory, this.supervisor, serverId);
    refuseTool(entry, run, tool);
    await this.drift.refuse(entry.server, entry.catalog, tool);
    const begun = performance.now();
    try {
      const result = await run.callTool(tool, args, entry.server.config.requestTimeoutMs, { ...local, input });
      const durationMs = Math.round(performance.now() - begun);
      this.supervisor.recordCall(serverId, durationMs, result['isError'] === true);
      return { result, durationMs };
    } catch (error) {
      this.supervisor.recordCall(serverId, Math.round(performance.now() - begun), true);
      throw upstreamFailure(error, entry, tool);
    }
  }
}
