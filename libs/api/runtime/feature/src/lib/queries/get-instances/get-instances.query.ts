import { Query } from '@nestjs/cqrs';

import type { ApiInstanceInfo } from '@mcp-fleet/shared/contracts';

export class GetInstancesQuery extends Query<ApiInstanceInfo[]> {}
