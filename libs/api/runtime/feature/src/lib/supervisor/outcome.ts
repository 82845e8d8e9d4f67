import type { McpServer } from '@mcp-fleet/shared/contracts';

/** What a command did, before it is dressed as a CommandResult. */
export interface Outcome {
  server: McpServer;
  success: boolean;
  message: string;
  errorCode?: string;
  errorDetails?: unknown;
}
