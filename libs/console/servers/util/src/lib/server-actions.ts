import { type LifecycleCommand, type ServerState, STATE_TRANSITIONS } from '@mcp-fleet/shared/contracts';

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

/**
 * The lifecycle buttons the state machine allows from `state` right now, in a stable order.
 * Start and Stop follow the edges into `starting` and `stopping`; Restart only makes sense for
 * a running server; maintenance is entered along its edge and left only from itself.
 */
export function allowedLifecycleActions(state: ServerState): LifecycleActionView[] {
  const next = STATE_TRANSITIONS[state];
  const allowed: Record<LifecycleCommand, boolean> = {
    start: next.includes('starting'),
    stop: next.includes('stopping'),
    restart: state === 'running',
    enter_maintenance: next.includes('maintenance'),
    exit_maintenance: state === 'maintenance',
  };
  return (Object.keys(ACTIONS) as LifecycleCommand[]).filter((command) => allowed[command]).map((command) => ACTIONS[command]);
}

export function lifecycleAction(command: LifecycleCommand): LifecycleActionView {
  return ACTIONS[command];
}
