import { Optional } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { FleetToolSwitches, McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import type { FleetDocument } from '@mcp-fleet/shared/contracts';

import { toFleetDocument } from '../../fleet/fleet-document';
import { requireToolSwitches } from '../../fleet/require-tool-switches';
import { ExportFleetQuery } from './export-fleet.query';

@QueryHandler(ExportFleetQuery)
export class ExportFleetHandler implements IQueryHandler<ExportFleetQuery> {
  constructor(
    private readonly servers: McpServerRepository,
    // Provided by the runtime (a global module); absent only where the runtime is not loaded.
    @Optional() private readonly switches?: FleetToolSwitches,
  ) {}

  async execute(): Promise<FleetDocument> {
    const switches = requireToolSwitches(this.switches);
    const [servers, disabled] = await Promise.all([this.servers.findAll(), switches.disabledTools()]);
    return toFleetDocument(servers, disabled);
  }
}
