import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { EventsDataAccessModule } from '@mcp-fleet/api/events/data-access';
import { McpUpstream, RuntimeDataAccessModule } from '@mcp-fleet/api/runtime/data-access';
import { FleetToolSwitches, ServersDataAccessModule } from '@mcp-fleet/api/servers/data-access';
import { KeyRing } from '@mcp-fleet/api/shared/config';
import { IdempotencyStore } from '@mcp-fleet/api/shared/database';
import { SecretBox } from '@mcp-fleet/api/shared/security';

import { BulkController } from './bulk.controller';
import { ApproveDefinitionsHandler } from './commands/approve-definitions/approve-definitions.handler';
import { BulkOperationHandler } from './commands/bulk-operation/bulk-operation.handler';
import { BulkRunner } from './commands/bulk-operation/bulk-runner';
import { CallToolHandler } from './commands/call-tool/call-tool.handler';
import { CheckHealthHandler } from './commands/check-health/check-health.handler';
import { EnterMaintenanceHandler } from './commands/enter-maintenance/enter-maintenance.handler';
import { ExitMaintenanceHandler } from './commands/exit-maintenance/exit-maintenance.handler';
import { RestartServerHandler } from './commands/restart-server/restart-server.handler';
import { StartServerHandler } from './commands/start-server/start-server.handler';
import { StopServerHandler } from './commands/stop-server/stop-server.handler';
import { SubscribeResourceHandler } from './commands/subscribe-resource/subscribe-resource.handler';
import { RuntimeFleetToolSwitches } from './commands/switch-tool/runtime-fleet-tool-switches';
import { SwitchToolHandler } from './commands/switch-tool/switch-tool.handler';
import { UndoOperationHandler } from './commands/undo-operation/undo-operation.handler';
import { UnsubscribeResourceHandler } from './commands/unsubscribe-resource/unsubscribe-resource.handler';
import { DEFAULT_RESTART_POLICY } from './domain/restart-policy';
import { DriftController } from './drift.controller';
import { DriftControl } from './drift/drift-control';
import { FleetMetricsController } from './fleet-metrics.controller';
import { HealthMonitor } from './health/health-monitor.service';
import { ResourceSampler } from './health/resource-sampler.service';
import { InstancesController } from './instances.controller';
import { LogsController } from './logs.controller';
import { LogRetention } from './logs/log-retention.service';
import { LogSink } from './logs/log-sink.service';
import { McpFeaturesController } from './mcp-features.controller';
import { OperationsController } from './operations.controller';
import { OperationRetention } from './operations/operation-retention.service';
import { OperationsRepository } from './operations/operations.repository';
import { CoordinationConnection } from './ownership/coordination-connection';
import { ForwardedController } from './ownership/forwarded.controller';
import { InstanceRegistry } from './ownership/instance-registry';
import { LeaseKeeper } from './ownership/lease-keeper';
import { OwnerRouter } from './ownership/owner-router';
import { Watchdog } from './process/watchdog';
import { DownloadRunLogHandler } from './queries/download-run-log/download-run-log.handler';
import { GetCatalogHandler } from './queries/get-catalog/get-catalog.handler';
import { GetCompletionHandler } from './queries/get-completion/get-completion.handler';
import { GetDriftHandler } from './queries/get-drift/get-drift.handler';
import { GetFleetMetricsHistoryHandler } from './queries/get-fleet-metrics-history/get-fleet-metrics-history.handler';
import { GetInstancesHandler } from './queries/get-instances/get-instances.handler';
import { GetLogsHandler } from './queries/get-logs/get-logs.handler';
import { GetMetricsHistoryHandler } from './queries/get-metrics-history/get-metrics-history.handler';
import { GetPromptHandler } from './queries/get-prompt/get-prompt.handler';
import { GetResourceHandler } from './queries/get-resource/get-resource.handler';
import { ListResourceSubscriptionsHandler } from './queries/list-resource-subscriptions/list-resource-subscriptions.handler';
import { ResourceSubscriptionsController } from './resource-subscriptions.controller';
import { RunningServers } from './run/running-servers';
import { RuntimeFactory } from './run/runtime-factory';
import { RuntimeController } from './runtime.controller';
import { ResourceUpdates } from './subscriptions/resource-updates';
import { KeyedLock } from './supervisor/keyed-lock';
import { Reconciler } from './supervisor/reconciler.service';
import { RESTART_POLICY_OPTIONS, RestartScheduler } from './supervisor/restart-scheduler';
import { RunStarter } from './supervisor/run-starter';
import { RunWatcher } from './supervisor/run-watcher';
import { ServerTransitions } from './supervisor/server-transitions';
import { Supervisor } from './supervisor/supervisor.service';
import { RuntimeUpstream } from './upstream/runtime-upstream';

/**
 * Global: it provides the McpUpstream port (the way to a running server) to the gateway, and the
 * FleetToolSwitches port (the switches of the fleet document) to the servers feature.
 */
@Global()
@Module({
  imports: [CqrsModule, ServersDataAccessModule, RuntimeDataAccessModule, EventsDataAccessModule],
  // BulkController first: its static `bulk` routes must not be read as an `:id`.
  controllers: [
    BulkController,
    RuntimeController,
    McpFeaturesController,
    ResourceSubscriptionsController,
    LogsController,
    ForwardedController,
    InstancesController,
    FleetMetricsController,
    OperationsController,
    DriftController,
  ],
  providers: [
    { provide: SecretBox, inject: [KeyRing], useFactory: (keys: KeyRing) => new SecretBox(keys.secretsKey) },
    IdempotencyStore,
    Watchdog,
    CoordinationConnection,
    InstanceRegistry,
    LeaseKeeper,
    OwnerRouter,
    KeyedLock,
    RunningServers,
    RuntimeFactory,
    ServerTransitions,
    { provide: RESTART_POLICY_OPTIONS, useValue: DEFAULT_RESTART_POLICY },
    RestartScheduler,
    RunWatcher,
    RunStarter,
    Supervisor,
    Reconciler,
    StartServerHandler,
    StopServerHandler,
    RestartServerHandler,
    EnterMaintenanceHandler,
    ExitMaintenanceHandler,
    CallToolHandler,
    SwitchToolHandler,
    RuntimeFleetToolSwitches,
    { provide: FleetToolSwitches, useExisting: RuntimeFleetToolSwitches },
    DriftControl,
    ApproveDefinitionsHandler,
    GetDriftHandler,
    RuntimeUpstream,
    { provide: McpUpstream, useExisting: RuntimeUpstream },
    CheckHealthHandler,
    HealthMonitor,
    ResourceSampler,
    BulkRunner,
    BulkOperationHandler,
    OperationsRepository,
    UndoOperationHandler,
    OperationRetention,
    GetCatalogHandler,
    GetInstancesHandler,
    GetMetricsHistoryHandler,
    GetFleetMetricsHistoryHandler,
    GetLogsHandler,
    DownloadRunLogHandler,
    GetResourceHandler,
    GetPromptHandler,
    GetCompletionHandler,
    ResourceUpdates,
    SubscribeResourceHandler,
    UnsubscribeResourceHandler,
    ListResourceSubscriptionsHandler,
    LogSink,
    LogRetention,
  ],
  exports: [Supervisor, RunningServers, McpUpstream, FleetToolSwitches],
})
export class RuntimeFeatureModule {}
