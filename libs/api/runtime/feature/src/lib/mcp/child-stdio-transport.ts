import { deserializeMessage, type JSONRPCMessage, serializeMessage, type Transport } from '@modelcontextprotocol/client';

import type { StdioProcess } from '../process/stdio-process';

/** Something on stdout that is not a JSON-RPC message: the server breaks the stdio contract. */
export class ProtocolGarbageError extends Error {
  /** The message does not quote the sample: it is raw output, and only the runtime redacts. */
  constructor(readonly sample: string) {
    super('The server wrote something that is not MCP to stdout');
    this.name = 'ProtocolGarbageError';
  }
}

/** A single message larger than this is not MCP any server means to send. */
const MAX_LINE_BYTES = 32 * 1024 * 1024;

/**
 * The SDK's Transport over a process we spawned and supervise ourselves. Lines are split and
 * parsed here, not with the SDK's ReadBuffer, which skips lines that are not JSON: a server
 * writing anything but MCP to stdout must be caught, not look alive.
 */
export class ChildStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;
  private partial = '';
  private closed = false;

  constructor(
    private readonly server: StdioProcess,
    private readonly onGarbage: (error: ProtocolGarbageError) => void,
  ) {}

  start(): Promise<void> {
    const { child } = this.server;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (this.partial + chunk).split('\n');
      this.partial = lines.pop() ?? '';
      if (this.partial.length > MAX_LINE_BYTES) {
        this.garbage(this.partial.slice(0, 200));
        this.partial = '';
      }
      for (const raw of lines) {
        const line = raw.replace(/\r$/, '');
        if (line.trim() === '') {
          continue;
        }
        let message: JSONRPCMessage;
        try {
          message = deserializeMessage(line);
        } catch {
          this.garbage(line);
          continue;
        }
        this.onmessage?.(message);
      }
    });
    child.stdout.on('error', (error) => this.onerror?.(error));
    void this.server.exited.then(() => this.markClosed());
    return Promise.resolve();
  }

  private garbage(sample: string): void {
    const error = new ProtocolGarbageError(sample);
    this.onGarbage(error);
    this.onerror?.(error);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.server.child.stdin;
      if (this.closed || !stdin.writable) {
        reject(new Error('The server process is not running'));
        return;
      }
      if (stdin.write(serializeMessage(message))) {
        resolve();
      } else {
        stdin.once('drain', () => resolve());
      }
    });
  }

  /** Closing the transport closes stdin (the polite way to ask a stdio server to exit). */
  close(): Promise<void> {
    this.server.child.stdin.end();
    this.markClosed();
    return Promise.resolve();
  }

  private markClosed(): void {
    if (!this.closed) {
      this.closed = true;
      this.onclose?.();
    }
  }
}
