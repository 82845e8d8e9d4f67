import { resolve } from 'node:path';

/** The repository root (this file is libs/api/shared/testing/src/lib/e2e/). */
export const REPO_ROOT = resolve(__dirname, '../../../../../../..');

/** The built API that the e2e tests start as a process. */
export const API_MAIN = resolve(REPO_ROOT, 'dist/apps/api/main.js');

/** Absolute path of a fixture server in tools/mcp-fixtures. */
export function fixture(file: string): string {
  return resolve(REPO_ROOT, 'tools/mcp-fixtures', file);
}

/** The reference server from the MCP project, run from node_modules over stdio. */
export const SERVER_EVERYTHING = resolve(REPO_ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
