import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { CatalogApprovalsRepository, CatalogRepository } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository, serverNotFound } from '@mcp-fleet/api/servers/data-access';
import { DomainError, validationFailed } from '@mcp-fleet/api/shared/errors';
import type { ApproveDefinitionsResponse, CatalogKindName } from '@mcp-fleet/shared/contracts';

import { definitionsApproved } from '../../domain/lifecycle-events';
import { definitionsOf } from '../../drift/definitions';
import { DriftControl } from '../../drift/drift-control';
import { ApproveDefinitionsCommand } from './approve-definitions.command';

/**
 * Makes the current definitions of the named tools, resources and prompts the approved ones (a
 * removed one leaves the baseline). A name without drift is approved already: nothing to do. A
 * name the server neither reports nor had approved is TOOL_NOT_FOUND, as a typo would otherwise pass.
 */
@CommandHandler(ApproveDefinitionsCommand)
export class ApproveDefinitionsHandler implements ICommandHandler<ApproveDefinitionsCommand> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly catalogs: CatalogRepository,
    private readonly approvals: CatalogApprovalsRepository,
    private readonly drift: DriftControl,
    private readonly store: EventStore,
  ) {}

  async execute({ serverId, request, context }: ApproveDefinitionsCommand): Promise<ApproveDefinitionsResponse> {
    const wanted: { kind: CatalogKindName; name: string }[] = [
      ...(request.tools ?? []).map((name) => ({ kind: 'tools' as const, name })),
      ...(request.resources ?? []).map((name) => ({ kind: 'resources' as const, name })),
      ...(request.prompts ?? []).map((name) => ({ kind: 'prompts' as const, name })),
    ];
    if (wanted.length === 0) {
      throw validationFailed([{ field: 'tools', messages: ['name at least one tool, resource or prompt to approve'] }]);
    }
    const server = await this.servers.findById(serverId);
    if (!server) {
      throw serverNotFound(serverId);
    }
    const catalog = await this.catalogs.find(serverId);
    const report = await this.drift.report(server, catalog);
    const same = (a: { kind: string; name: string }, b: { kind: string; name: string }) => a.kind === b.kind && a.name === b.name;
    const known = [...(catalog ? definitionsOf(catalog) : []), ...(await this.approvals.list(serverId))];
    const unknown = wanted.filter((item) => !known.some((other) => same(item, other)));
    if (unknown.length > 0) {
      throw new DomainError('TOOL_NOT_FOUND', `${server.name} reports no ${unknown.map((item) => item.name).join(', ')}`, {
        serverId,
        unknown,
      });
    }
    const chosen = report.items.filter((item) => wanted.some((other) => same(item, other)));
    const current = catalog ? definitionsOf(catalog) : [];
    await this.approvals.approve(
      serverId,
      current.filter((definition) => chosen.some((item) => item.drift !== 'removed' && same(item, definition))),
      chosen.filter((item) => item.drift === 'removed'),
      context.actor.name,
    );
    const remaining = (await this.drift.report(server, catalog)).items;
    await this.drift.approved(
      serverId,
      chosen.filter((item) => item.kind === 'tools').map((item) => item.name),
      remaining,
    );
    const approved = chosen.map(({ kind, name, drift }) => ({ kind, name, drift }));
    if (approved.length > 0) {
      await this.store.append(definitionsApproved(server, approved, context));
    }
    return { serverId, approved, remaining };
  }
}
