export interface BatchWriterOptions<TOut, TIn = unknown> {
  /** Most items written in one round trip. */
  maxBatch: number;
  /** How long the first item of a batch may wait for company. */
  lingerMs: number;
  /** Items waiting (including those being written) beyond which new ones are refused. */
  maxPending: number;
  /** Called with every committed batch, in commit order. */
  onWritten?: (written: TOut[]) => void;
  /** Called when a write fails. */
  onError?: (error: unknown, pending: number) => void;
  /**
   * Whether a failed write may succeed later (the database is away) and is retried with backoff;
   * otherwise (the rows themselves are refused) the batch's callers get the error. Default: always.
   */
  isRetryable?: (error: unknown) => boolean;
  /**
   * For an item refused on its own: a reduced form of it to write instead (the audit trail
   * keeps a row with its texts stripped rather than lose it). Absent: the caller gets the error.
   */
  salvage?: (item: TIn) => TIn;
  /** First and last retry delay after a failed write. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

export class BufferFullError extends Error {
  constructor(readonly maxPending: number) {
    super(`The write buffer is full (${maxPending} waiting)`);
    this.name = 'BufferFullError';
  }
}

interface Pending<TIn, TOut> {
  item: TIn;
  resolve: (value: TOut) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items queue up and are written in batches, one batch at a time, so a burst of
 * thousands of items per second becomes a few round trips. A failed write keeps its items at
 * the head of the queue and retries with backoff; each caller's promise settles when its item
 * is committed (or the writer is closed).
 */
export class BatchWriter<TIn, TOut> {
  private readonly queue: Pending<TIn, TOut>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly write: (items: TIn[]) => Promise<TOut[]>,
    private readonly options: BatchWriterOptions<TOut, TIn>,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  /**
   * Queues an item. `urgent` starts the write at once instead of lingering: for callers that
   * wait for durability before answering (items arriving meanwhile join the next batch).
   */
  enqueue(item: TIn, urgent = false): Promise<TOut> {
    if (this.closed) {
      return Promise.reject(new Error('The writer is closed'));
    }
    if (this.queue.length >= this.options.maxPending) {
      return Promise.reject(new BufferFullError(this.options.maxPending));
    }
    return new Promise<TOut>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule(urgent);
    });
  }

  /** Writes everything queued now; resolves when the queue is empty. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0 || this.draining) {
      await (this.draining ?? this.drain());
    }
  }

  /** One last attempt to write what is queued; whatever still fails is rejected. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.draining;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      try {
        this.settle(batch, await this.write(batch.map((p) => p.item)));
      } catch (error) {
        for (const pending of [...batch, ...this.queue.splice(0)]) {
          pending.reject(error);
        }
      }
    }
  }

  private schedule(urgent = false): void {
    if (this.draining) {
      return; // the running drain picks the new items up
    }
    if (urgent || this.queue.length >= this.options.maxBatch) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.drain();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.drain();
      }, this.options.lingerMs);
    }
  }

  private drain(): Promise<void> {
    this.draining ??= this.drainLoop().finally(() => {
      this.draining = undefined;
      if (this.queue.length > 0 && !this.closed) {
        this.schedule();
      }
    });
    return this.draining;
  }

  private async drainLoop(): Promise<void> {
    let delay = this.options.retryMinMs ?? 250;
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.options.maxBatch);
      try {
        const written = await this.write(batch.map((p) => p.item));
        this.queue.splice(0, batch.length);
        this.settle(batch, written);
        delay = this.options.retryMinMs ?? 250;
      } catch (error) {
        this.options.onError?.(error, this.queue.length);
        if (this.options.isRetryable && !this.options.isRetryable(error)) {
          this.queue.splice(0, batch.length);
          await this.writeOneByOne(batch, error);
          continue;
        }
        if (this.closed) {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
        delay = Math.min(delay * 2, this.options.retryMaxMs ?? 5000);
      }
    }
  }

  /** A refused batch: write its items alone, so one bad item does not take its neighbours down. */
  private async writeOneByOne(batch: Pending<TIn, TOut>[], batchError: unknown): Promise<void> {
    if (batch.length === 1) {
      await this.salvageOrReject(batch[0], batchError);
      return;
    }
    for (const pending of batch) {
      try {
        this.settle([pending], await this.write([pending.item]));
      } catch (error) {
        await this.salvageOrReject(pending, error);
      }
    }
  }

  private async salvageOrReject(pending: Pending<TIn, TOut>, error: unknown): Promise<void> {
    if (!this.options.salvage) {
      pending.reject(error);
      return;
    }
    try {
      this.settle([pending], await this.write([this.options.salvage(pending.item)]));
    } catch (salvageError) {
      pending.reject(salvageError);
    }
  }

  private settle(batch: Pending<TIn, TOut>[], written: TOut[]): void {
    batch.forEach((pending, index) => pending.resolve(written[index]));
    this.options.onWritten?.(written);
  }
}
