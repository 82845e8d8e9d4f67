import { Injectable, Logger } from '@nestjs/common';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { CatalogApprovalsRepository, CatalogRepository, type StoredCatalog } from '@mcp-fleet/api/runtime/data-access';
import { LiveFiguresRepository, McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import { systemContext } from '@mcp-fleet/api/shared/authz';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import type { DriftItem, DriftReport, McpServer, ToolPolicy } from '@mcp-fleet/shared/contracts';

import { driftDetected } from '../domain/lifecycle-events';
import { definitionsOf, driftBetween } from './definitions';

/** Who took a baseline, as approvals name their author. */
export const TRUST_ON_FIRST_USE = 'trust on first use';

type Listed = Pick<StoredCatalog, 'tools' | 'resources' | 'prompts'>;

/**
 * Tool-drift control on the replica that runs a server: each catalog it stores is compared with
 * the approved definitions (the first ones seen are the baseline); each drifted definition is
 * announced once by this replica (`tool.drift_detected`), and under the `block` policy a call of a changed or new
 * tool is refused until an operator approves it (on any replica: a refusal reads the approvals
 * again, so an approval elsewhere takes effect at once). Each review and approval stores how many
 * definitions drift (the servers list shows and filters on it).
 */
@Injectable()
export class DriftControl {
  private readonly logger = new Logger(DriftControl.name);
  /** Per server run here: tools whose current definition is not approved (changed or new). */
  private readonly unapproved = new Map<string, Set<string>>();
  /** The drift items announced per server (kind, name, drift, definition): each is announced once. */
  private readonly announced = new Map<string, Set<string>>();

  constructor(
    private readonly approvals: CatalogApprovalsRepository,
    private readonly catalogs: CatalogRepository,
    private readonly store: EventStore,
    private readonly config: AppConfig,
    private readonly figures: LiveFiguresRepository,
    private readonly servers: McpServerRepository,
  ) {}

  policyOf(server: Pick<McpServer, 'config'>): ToolPolicy {
    return server.config.toolPolicy ?? this.config.toolDriftPolicy;
  }

  /** After a catalog of a server run here was stored (its start, a list change). Never throws. */
  async review(server: McpServer, catalog: Listed): Promise<void> {
    try {
      const current = definitionsOf(catalog);
      if (await this.approvals.takeBaseline(server.id, current, TRUST_ON_FIRST_USE)) {
        this.unapproved.delete(server.id);
        this.announced.delete(server.id);
        await this.figures.setDriftCount(server.id, 0);
        return;
      }
      const drift = driftBetween(await this.approvals.list(server.id), current);
      await this.figures.setDriftCount(server.id, drift.length);
      this.unapproved.set(
        server.id,
        new Set(drift.filter((item) => item.kind === 'tools' && item.drift !== 'removed').map((item) => item.name)),
      );
      const signatures = drift.map(({ kind, name, drift: what, current: now }) => JSON.stringify([kind, name, what, now]));
      const before = this.announced.get(server.id) ?? new Set<string>();
      const fresh = drift.filter((_item, index) => !before.has(signatures[index] ?? ''));
      if (fresh.length > 0) {
        await this.store.append(driftDetected(server, this.policyOf(server), fresh, systemContext()));
      }
      this.announced.set(server.id, new Set(signatures));
    } catch (error) {
      this.logger.error({ err: error, serverId: server.id }, 'Could not compare the catalog with its approved definitions');
    }
  }

  /** A server's catalog changed (list_changed): the whole stored catalog is reviewed. */
  async reviewStored(server: McpServer): Promise<void> {
    const catalog = await this.catalogs.find(server.id);
    if (catalog) {
      await this.review(server, catalog);
    }
  }

  /** Refuses a call of a changed or new tool under the `block` policy (409 TOOL_NOT_APPROVED). */
  async refuse(server: McpServer, catalog: Listed | undefined, tool: string): Promise<void> {
    const pending = this.unapproved.get(server.id);
    if (!pending?.has(tool) || this.policyOf(server) !== 'block') {
      return;
    }
    // The policy may have been changed a moment ago (the directory follows the event tail): the stored config decides.
    const stored = await this.servers.findById(server.id);
    if (stored && this.policyOf(stored) !== 'block') {
      return;
    }
    // Approved on another replica meanwhile? The approvals are the truth (a refusal is not the hot path).
    const still = catalog
      ? (await this.report(server, catalog)).items.find((item) => item.kind === 'tools' && item.name === tool)
      : undefined;
    if (!still || still.drift === 'removed') {
      pending.delete(tool);
      return;
    }
    throw new DomainError(
      'TOOL_NOT_APPROVED',
      `${tool} on ${server.name} is ${still.drift === 'new' ? 'new' : 'changed'} since it was approved; an operator must approve it first`,
      { serverId: server.id, tool, drift: still.drift, changedFields: still.changedFields ?? [] },
    );
  }

  /** The drift of a server against its approved definitions (read from the database). */
  async report(server: McpServer, catalog: Listed | undefined): Promise<DriftReport> {
    const [approved, baselineAt] = await Promise.all([this.approvals.list(server.id), this.approvals.baselineAt(server.id)]);
    const items: DriftItem[] = baselineAt && catalog ? driftBetween(approved, definitionsOf(catalog)) : [];
    return { serverId: server.id, policy: this.policyOf(server), baselineAt, items };
  }

  /** Forgets what this replica knew of a server it no longer runs. */
  forget(serverId: string): void {
    this.unapproved.delete(serverId);
    this.announced.delete(serverId);
  }

  /** After an approval here: the approved tools are no longer refused; `remaining` is the drift left. */
  async approved(serverId: string, tools: readonly string[], remaining: readonly DriftItem[]): Promise<void> {
    const pending = this.unapproved.get(serverId);
    for (const tool of tools) {
      pending?.delete(tool);
    }
    await this.figures.setDriftCount(serverId, remaining.length);
  }
}
