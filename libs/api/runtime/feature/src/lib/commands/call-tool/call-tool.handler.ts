import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { CatalogRepository } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository, serverNotFound } from '@mcp-fleet/api/servers/data-access';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import type { CallToolResponse, ServerState } from '@mcp-fleet/shared/contracts';

import { describe } from '../../domain/runtime-failure';
import { OwnerRouter } from '../../ownership/owner-router';
import { ownerUnavailable } from '../../ownership/owner-unavailable';
import { Supervisor } from '../../supervisor/supervisor.service';
import { CallToolCommand } from './call-tool.command';

/** States a server wanted running passes through while it moves to another replica. */
const MOVING: ReadonlySet<ServerState> = new Set(['stopping', 'stopped', 'starting']);

@CommandHandler(CallToolCommand)
export class CallToolHandler implements ICommandHandler<CallToolCommand> {
  constructor(
    private readonly supervisor: Supervisor,
    private readonly servers: McpServerRepository,
    private readonly catalogs: CatalogRepository,
    private readonly router: OwnerRouter,
  ) {
    router.handle('callTool', (serverId, { tool, args }) => this.here(serverId, tool, args));
  }

  execute({ serverId, tool, args }: CallToolCommand): Promise<CallToolResponse> {
    return this.router.run('callTool', serverId, { tool, args });
  }

  private async here(serverId: string, tool: string, args: Record<string, unknown>): Promise<CallToolResponse> {
    const server = await this.servers.findById(serverId);
    if (!server) {
      throw serverNotFound(serverId);
    }
    const runtime = this.supervisor.runtimeOf(serverId);
    if (server.desiredState === 'running' && MOVING.has(server.state)) {
      // Starting, or moving between replicas (handed over, taken over): back in seconds, so the caller may retry.
      throw ownerUnavailable(serverId, `${server.name} is ${server.state}; it is wanted running`);
    }
    if (server.state !== 'running' || !runtime) {
      throw new DomainError('SERVER_NOT_RUNNING', `${server.name} is ${server.state}; start it to call its tools`, {
        serverId,
        state: server.state,
      });
    }
    const catalog = await this.catalogs.find(serverId);
    if (catalog && !catalog.tools.some((t) => t['name'] === tool)) {
      throw new DomainError('TOOL_NOT_FOUND', `${server.name} has no tool named ${tool}`, { serverId, tool });
    }
    const begun = performance.now();
    try {
      const result = await runtime.callTool(tool, args, server.config.requestTimeoutMs);
      const durationMs = Math.round(performance.now() - begun);
      this.supervisor.recordCall(serverId, durationMs, result['isError'] === true);
      return { result, durationMs };
    } catch (error) {
      this.supervisor.recordCall(serverId, Math.round(performance.now() - begun), true);
      const text = describe(error);
      if (/timed? ?out|timeout/i.test(text)) {
        throw new DomainError('MCP_REQUEST_TIMEOUT', `${tool} did not answer within ${server.config.requestTimeoutMs} ms`, {
          serverId,
          tool,
        });
      }
      throw new DomainError('MCP_REQUEST_FAILED', `${tool} failed: ${text}`, { serverId, tool });
    }
  }
}
