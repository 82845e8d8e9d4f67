import { Query } from '@nestjs/cqrs';

import type { CatalogKind } from '@mcp-fleet/api/runtime/data-access';
import type { CatalogList } from '@mcp-fleet/shared/contracts';

export class GetCatalogQuery extends Query<CatalogList<Record<string, unknown>>> {
  constructor(
    readonly serverId: string,
    readonly kind: CatalogKind,
  ) {
    super();
  }
}
