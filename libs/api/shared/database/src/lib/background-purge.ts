/** Small batches keep each DELETE short, so writers and readers never wait long behind it. */
export const PURGE_BATCH_SIZE = 5000;
const PAUSE_BETWEEN_BATCHES_MS = 20;

/** Deletes batch after batch until one comes back short, or `stopped()` says the process is ending. */
export async function deleteInBatches(
  deleteBatch: (batchSize: number) => Promise<number>,
  stopped: () => boolean = () => false,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(PURGE_BATCH_SIZE);
    total += deleted;
    if (deleted < PURGE_BATCH_SIZE || stopped()) {
      return total;
    }
    await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_BATCHES_MS));
  }
}

/**
 * A background pass run after a first delay and then at a fixed pause, never two at once;
 * `run()` during a pass shares it, `stop()` waits for it. Timers never keep the process alive.
 */
export class RepeatingTask<T> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<T> | undefined;
  private halted = false;

  constructor(
    private readonly task: () => Promise<T>,
    private readonly report: { done(result: T): void; failed(error: unknown): void },
  ) {}

  get stopped(): boolean {
    return this.halted;
  }

  start(firstDelayMs: number, everyMs: number): void {
    this.timer = setTimeout(() => {
      this.run()
        .then((result) => this.report.done(result))
        .catch((error: unknown) => this.report.failed(error))
        .finally(() => {
          if (!this.halted) {
            this.start(everyMs, everyMs);
          }
        });
    }, firstDelayMs);
    this.timer.unref();
  }

  /** Runs a pass now (`task` overrides the scheduled one, e.g. with a test's clock). */
  run(task: () => Promise<T> = this.task): Promise<T> {
    this.running ??= task().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
