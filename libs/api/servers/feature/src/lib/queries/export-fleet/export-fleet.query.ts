import { Query } from '@nestjs/cqrs';

import type { FleetDocument } from '@mcp-fleet/shared/contracts';

export class ExportFleetQuery extends Query<FleetDocument> {}
