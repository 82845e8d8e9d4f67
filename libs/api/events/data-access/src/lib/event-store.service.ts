import { randomUUID } from 'node:crypto';

import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '@mcp-fleet/api/shared/config';
import { DomainError, isDatabaseUnavailable } from '@mcp-fleet/api/shared/errors';
import type { AuditEntry, FleetEvent } from '@mcp-fleet/shared/contracts';

import { AuditRepository, salvagedAuditEntry } from './audit.repository';
import { BatchWriter, BufferFullError } from './batch-writer';
import { countEvents, eventsCounter } from './event-metrics';
import { EventsRepository } from './events.repository';
import type { NewAuditEntry, NewEvent, Stamped } from './new-records';

/** Writes of up to this many rows per round trip; the first row waits at most LINGER_MS for company. */
const MAX_BATCH = 2000;
const LINGER_MS = 50;

export type CommittedListener = (events: FleetEvent[]) => void;

/** How long a request waits for its audit row or event before it answers anyway (the row stays queued). */
export const REQUEST_WRITE_WAIT_MS = 3000;

export interface AppendOptions {
  /**
   * Give up waiting after this long with WriteDeferredError; the row stays queued and is
   * written once the database answers. For requests, which must not hang for an outage.
   */
  waitMs?: number;
}

/** The row was not committed in the time allowed; it is still queued and will be written. */
export class WriteDeferredError extends Error {
  constructor(waitMs: number) {
    super(`Not committed within ${waitMs} ms; still queued`);
    this.name = 'WriteDeferredError';
  }
}

/**
 * The one way into the event store and the audit trail. Rows are written in batches (group
 * commit); `append` resolves once the row is committed, `record` is fire-and-forget for
 * callers that need not wait. Listeners hear about events only after their commit, in seq order.
 */
@Injectable()
export class EventStore implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventStore.name);
  private readonly listeners = new Set<CommittedListener>();
  private readonly counter = eventsCounter();
  private readonly events: BatchWriter<Stamped<NewEvent>, FleetEvent>;
  private readonly audit: BatchWriter<Stamped<NewAuditEntry>, AuditEntry>;
  private lastFailureLog = 0;

  constructor(
    eventsRepository: EventsRepository,
    auditRepository: AuditRepository,
    private readonly config: AppConfig,
  ) {
    const common = {
      maxBatch: MAX_BATCH,
      lingerMs: LINGER_MS,
      maxPending: config.eventBufferMax,
      isRetryable: isTransientDatabaseError,
    };
    this.events = new BatchWriter((batch) => eventsRepository.insertBatch(batch), {
      ...common,
      onWritten: (written) => this.committed(written),
      onError: (error, pending) => this.writeFailed('events', error, pending),
    });
    this.audit = new BatchWriter((batch) => auditRepository.insertBatch(batch), {
      ...common,
      salvage: salvagedAuditEntry,
      onError: (error, pending) => this.writeFailed('audit', error, pending),
    });
  }

  /**
   * Resolves with the stored event once it is committed; the write starts at once. A full
   * buffer (the database has been away for long) is SERVICE_UNAVAILABLE, never a silent drop.
   */
  append(event: NewEvent, options: AppendOptions = {}): Promise<FleetEvent> {
    return within(this.events.enqueue(this.stamp(event), true), options.waitMs).catch(unavailableWhenFull);
  }

  /** Fire-and-forget, batched with others for up to LINGER_MS: a failure is logged, never thrown. */
  record(event: NewEvent): void {
    this.events
      .enqueue(this.stamp(event))
      .catch((error: unknown) => this.logger.error({ err: error, type: event.type }, 'Event not recorded'));
  }

  /** Resolves once the audit row is committed. */
  appendAudit(entry: NewAuditEntry, options: AppendOptions = {}): Promise<AuditEntry> {
    return within(this.audit.enqueue(this.stamp(entry), true), options.waitMs).catch(unavailableWhenFull);
  }

  recordAudit(entry: NewAuditEntry): void {
    this.audit
      .enqueue(this.stamp(entry))
      .catch((error: unknown) => this.logger.error({ err: error, action: entry.action }, 'Audit entry not recorded'));
  }

  /** Hears every committed event batch in seq order; returns the unsubscribe function. */
  onCommitted(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events and audit rows accepted but not yet committed. */
  get pending(): number {
    return this.events.pending + this.audit.pending;
  }

  /** Waits until everything accepted so far is committed. */
  async flush(): Promise<void> {
    await Promise.all([this.events.flush(), this.audit.flush()]);
  }

  /** After every module's onModuleDestroy (the supervisor records its stops there), before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.events.close(), this.audit.close()]);
  }

  private stamp<T>(record: T): Stamped<T> {
    return {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      instanceId: this.config.instanceId,
      record,
    };
  }

  private committed(written: FleetEvent[]): void {
    const ordered = [...written].sort((a, b) => a.seq - b.seq);
    countEvents(this.counter, ordered);
    for (const listener of this.listeners) {
      try {
        listener(ordered);
      } catch (error) {
        this.logger.error({ err: error }, 'An event listener failed');
      }
    }
  }

  private writeFailed(what: string, error: unknown, pending: number): void {
    // A database outage fails every retry; one line every 10 s says enough.
    if (Date.now() - this.lastFailureLog > 10_000) {
      this.lastFailureLog = Date.now();
      this.logger.error({ err: error, pending }, `Writing ${what} failed; retrying`);
    }
  }
}

/**
 * Errors worth retrying: the database is away (the shared test of the errors library), or
 * PostgreSQL aborted the transaction over a serialization failure or deadlock (SQLSTATE 40).
 * Anything else (another SQLSTATE, or a value that cannot be serialised) means the rows
 * themselves are refused: retrying cannot help.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return isDatabaseUnavailable(error) || (typeof code === 'string' && code.startsWith('40'));
}

function within<T>(write: Promise<T>, waitMs: number | undefined): Promise<T> {
  if (waitMs === undefined) {
    return write;
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WriteDeferredError(waitMs)), waitMs);
  });
  // The write goes on after the deadline; its own failure is handled by the writer's onError.
  write.catch(() => undefined);
  return Promise.race([write, deadline]).finally(() => clearTimeout(timer));
}

function unavailableWhenFull(error: unknown): never {
  if (error instanceof BufferFullError) {
    throw new DomainError(
      'SERVICE_UNAVAILABLE',
      'Events cannot be recorded right now (the database is not keeping up); try again shortly',
      undefined,
      {
        'retry-after': '5',
      },
    );
  }
  throw error;
}
