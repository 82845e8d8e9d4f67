/** How a run ended. `expected` is true when we asked for it (stop). */
export interface RunEnd {
  expected: boolean;
  code: number | null;
  signal: string | null;
  reason: 'STOPPED' | 'EXITED' | 'PROTOCOL_ERROR' | 'CONNECTION_LOST';
  message: string;
  uptimeMs: number;
  lastStderr: string[];
}

/** What the stop sequence had to do. */
export interface StopOutcome {
  /** SIGKILL was needed: the server ignored stdin EOF and SIGTERM for killTimeoutMs. */
  escalated: boolean;
  /** Processes of the group were still alive after SIGKILL (should never happen). */
  leftovers: boolean;
}
