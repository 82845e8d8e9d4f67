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
/** Lines that are not MCP tolerated before the first message: a banner, yes; only garbage, no. */
export const MAX_NOISE_BEFORE_MCP = 20;

/** What the transport reports about stdout lines that are not MCP. */
export interface StdoutWatch {
  /** A line that is not MCP, tolerated (a banner, a stray print): kept as a warning. */
  onNoise(line: string): void;
  /** stdout is not MCP at all: the run must end. */
  onGarbage(error: ProtocolGarbageError): void;
}

/**
 * The SDK's Transport over a process we spawned and supervise ourselves. Lines are split and
 * parsed here, not with the SDK's ReadBuffer, which skips lines that are not JSON silently: a
 * line that is not MCP is reported (kept in the log as a warning, as Claude Desktop and the SDK
 * clients tolerate banners), and a server that writes only such lines before its first message
 * is caught, not left to look alive.
 *
 * `pid` and `stderr` make the SDK treat it as stdio: a silent or closed pipe during the
 * `server/discover` probe then means a legacy server, not an outage.
 */
export class ChildStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;
  private partial = '';
  private closed = false;
  private noiseBeforeMcp = 0;
  /** A JSON-RPC message has arrived: the server speaks MCP on stdout. */
  sawMessage = false;

  constructor(
    private readonly server: StdioProcess,
    private readonly watch: StdoutWatch,
  ) {}

  get pid(): number | undefined {
    return this.server.pid;
  }

  /** Read by the process itself, never through the transport. */
  get stderr(): null {
    return null;
  }

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
          this.noise(line);
          continue;
        }
        this.sawMessage = true;
        this.onmessage?.(message);
      }
    });
    child.stdout.on('error', (error) => this.onerror?.(error));
    void this.server.exited.then(() => this.markClosed());
    return Promise.resolve();
  }

  private noise(line: string): void {
    if (!this.sawMessage && ++this.noiseBeforeMcp > MAX_NOISE_BEFORE_MCP) {
      this.garbage(line);
    } else {
      this.watch.onNoise(line);
    }
  }

  private garbage(sample: string): void {
    const error = new ProtocolGarbageError(sample);
    this.watch.onGarbage(error);
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
