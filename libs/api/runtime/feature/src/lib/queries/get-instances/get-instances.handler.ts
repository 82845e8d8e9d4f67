import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import type { ApiInstanceInfo } from '@mcp-fleet/shared/contracts';

import { InstanceRegistry } from '../../ownership/instance-registry';
import { GetInstancesQuery } from './get-instances.query';

/** The live replicas, as their heartbeat rows say, with the servers each owns. */
@QueryHandler(GetInstancesQuery)
export class GetInstancesHandler implements IQueryHandler<GetInstancesQuery> {
  constructor(private readonly registry: InstanceRegistry) {}

  async execute(): Promise<ApiInstanceInfo[]> {
    return (await this.registry.list()).map((row) => ({
      instanceId: row.instanceId,
      address: row.address,
      version: row.version,
      startedAt: row.startedAt,
      lastHeartbeatAt: row.heartbeatAt,
      ownedServers: row.ownedServers,
      self: row.instanceId === this.registry.instanceId,
    }));
  }
}
