import {
  commandAccepted,
  LIFECYCLE_COMMANDS,
  type LifecycleCommand,
  type McpServer,
  type ServerState,
  startsServer,
} from '@mcp-fleet/shared/contracts';

export interface LifecycleActionView {
  command: LifecycleCommand;
  /** The button text (also its accessible name). */
  label: string;
  icon: string;
  /** Worded for the progress message and the notifier: "Starting", "Stopping", ... */
  progress: string;
}

const ACTIONS: Record<LifecycleCommand, LifecycleActionView> = {
  start: { command: 'start', label: 'Start', icon: 'play_arrow', progress: 'Starting' },
  stop: { command: 'stop', label: 'Stop', icon: 'stop', progress: 'Stopping' },
  restart: { command: 'restart', label: 'Restart', icon: 'restart_alt', progress: 'Restarting' },
  enter_maintenance: { command: 'enter_maintenance', label: 'Enter maintenance', icon: 'build', progress: 'Entering maintenance' },
  exit_maintenance: { command: 'exit_maintenance', label: 'Exit maintenance', icon: 'build_circle', progress: 'Leaving maintenance' },
};

/** The lifecycle buttons for a server in `state`: the commands the API accepts from it, in a stable order. */
export function allowedLifecycleActions(state: ServerState): LifecycleActionView[] {
  return LIFECYCLE_COMMANDS.filter((command) => commandAccepted(command, state)).map((command) => ACTIONS[command]);
}

export function lifecycleAction(command: LifecycleCommand): LifecycleActionView {
  return ACTIONS[command];
}

/** Why an offered action cannot run for this server (the API refuses to start a disabled one), or null. */
export function actionBlockedBy(command: LifecycleCommand, server: Pick<McpServer, 'enabled'>): string | null {
  return startsServer(command) && !server.enabled ? 'This server is disabled: enable it (Edit) to start it.' : null;
}
