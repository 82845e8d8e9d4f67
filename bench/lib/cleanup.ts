/* eslint-disable no-console */

type Step = { label: string; run: () => Promise<void> };

/**
 * Undo steps (stop the API, drop the database), run last-in first-out and only once,
 * whether the benchmark ends normally, fails, or is interrupted.
 */
export class CleanupStack {
  private readonly steps: Step[] = [];
  private draining: Promise<void> | undefined;

  push(label: string, run: () => Promise<void>): void {
    this.steps.push({ label, run });
  }

  runAll(): Promise<void> {
    this.draining ??= this.drain();
    return this.draining;
  }

  private async drain(): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.run();
      } catch (error) {
        // Keep going: one failed step must not leave the others (e.g. the database) behind.
        console.error(`Cleanup "${step.label}" failed: ${errorMessage(error)}`);
      }
    }
  }
}

/** Ctrl-C / SIGTERM still clean up; a second Ctrl-C falls back to Node's default and exits at once. */
export function cleanUpOnSignals(cleanup: CleanupStack): void {
  const signals: [NodeJS.Signals, number][] = [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ];
  for (const [signal, exitCode] of signals) {
    process.once(signal, () => {
      console.error(`\n${signal} received: stopping the API and dropping the benchmark database...`);
      void cleanup.runAll().finally(() => process.exit(exitCode));
    });
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
