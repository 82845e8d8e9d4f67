import { type JSONRPCMessage, ReadBuffer, serializeMessage, type Transport } from '@modelcontextprotocol/client';

import type { StdioProcess } from '../process/stdio-process';

/** Something on stdout that is not a JSON-RPC message: the server breaks the stdio contract. */
export class ProtocolGarbageError extends Error {
  constructor(readonly sample: string) {
    super(`The server wrote something that is not MCP to stdout: ${JSON.stringify(sample.slice(0, 200))}`);
    this.name = 'ProtocolGarbageError';
  }
}

/** The SDK's Transport over a process we spawned and supervise ourselves. */
export class ChildStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;
  private readonly buffer = new ReadBuffer();
  private closed = false;

  constructor(
    private readonly server: StdioProcess,
    private readonly onGarbage: (error: ProtocolGarbageError) => void,
  ) {}

  start(): Promise<void> {
    const { child } = this.server;
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer.append(chunk);
      for (;;) {
        let message: JSONRPCMessage | null;
        try {
          message = this.buffer.readMessage();
        } catch (error) {
          const garbage = new ProtocolGarbageError(error instanceof Error ? error.message : String(error));
          this.onGarbage(garbage);
          this.onerror?.(garbage);
          continue;
        }
        if (message === null) {
          break;
        }
        this.onmessage?.(message);
      }
    });
    child.stdout.on('error', (error) => this.onerror?.(error));
    void this.server.exited.then(() => this.markClosed());
    return Promise.resolve();
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
