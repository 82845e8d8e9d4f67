import { CreateMcpServers1764021600000 } from './1764021600000-CreateMcpServers';
import { CreateAuthTables1764036000000 } from './1764036000000-CreateAuthTables';
import { AddRegistryRevision1764039600000 } from './1764039600000-AddRegistryRevision';
import { AddSessionsValidAfter1764043200000 } from './1764043200000-AddSessionsValidAfter';
import { CreateEventStore1764057600000 } from './1764057600000-CreateEventStore';
import { CreateRuntimeTables1764064800000 } from './1764064800000-CreateRuntimeTables';
import { CreateIdempotencyKeys1764066600000 } from './1764066600000-CreateIdempotencyKeys';
import { CreateServerLogs1764068400000 } from './1764068400000-CreateServerLogs';
import { CreateServerMetricSamples1764072000000 } from './1764072000000-CreateServerMetricSamples';
import { ReindexLoginFailures1796174781186 } from './1796174781186-ReindexLoginFailures';
import { MoveLiveFiguresOutOfRegistry1796180727079 } from './1796180727079-MoveLiveFiguresOutOfRegistry';
import { IndexServerListSorts1796181723363 } from './1796181723363-IndexServerListSorts';
import { CreateOwnership1796190000000 } from './1796190000000-CreateOwnership';
import { CreateToolSwitches1796200000000 } from './1796200000000-CreateToolSwitches';
import { AuditGatewayCalls1796200000001 } from './1796200000001-AuditGatewayCalls';
import { AddApiTokenServerScope1796215140130 } from './1796215140130-AddApiTokenServerScope';
import { CreateProtocolVerdicts1796300000000 } from './1796300000000-CreateProtocolVerdicts';
import { AddServerLogStreamLevel1796300000200 } from './1796300000200-AddServerLogStreamLevel';
import { AddCatalogResourceTemplates1796300000300 } from './1796300000300-AddCatalogResourceTemplates';
import { CreateResourceSubscriptions1796300000400 } from './1796300000400-CreateResourceSubscriptions';
import { CreateServerRevisions1796300000500 } from './1796300000500-CreateServerRevisions';
import { CreateLifecycleOperations1796300000600 } from './1796300000600-CreateLifecycleOperations';
import { CreateCatalogApprovals1796300000900 } from './1796300000900-CreateCatalogApprovals';
import { AddServerDriftCount1796300001000 } from './1796300001000-AddServerDriftCount';
import { AddServerLastFailure1796300001100 } from './1796300001100-AddServerLastFailure';
import { AddMetricSampleHealth1796300001200 } from './1796300001200-AddMetricSampleHealth';

/** Every migration, oldest first. Add new ones at the end. */
export const MIGRATIONS = [
  CreateMcpServers1764021600000,
  CreateAuthTables1764036000000,
  AddRegistryRevision1764039600000,
  AddSessionsValidAfter1764043200000,
  CreateEventStore1764057600000,
  CreateRuntimeTables1764064800000,
  CreateIdempotencyKeys1764066600000,
  CreateServerLogs1764068400000,
  CreateServerMetricSamples1764072000000,
  ReindexLoginFailures1796174781186,
  MoveLiveFiguresOutOfRegistry1796180727079,
  IndexServerListSorts1796181723363,
  CreateOwnership1796190000000,
  CreateToolSwitches1796200000000,
  AuditGatewayCalls1796200000001,
  AddApiTokenServerScope1796215140130,
  CreateProtocolVerdicts1796300000000,
  AddServerLogStreamLevel1796300000200,
  AddCatalogResourceTemplates1796300000300,
  CreateResourceSubscriptions1796300000400,
  CreateServerRevisions1796300000500,
  CreateLifecycleOperations1796300000600,
  CreateCatalogApprovals1796300000900,
  AddServerDriftCount1796300001000,
  AddServerLastFailure1796300001100,
  AddMetricSampleHealth1796300001200,
];
