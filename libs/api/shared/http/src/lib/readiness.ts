import { Global, Injectable, Module } from '@nestjs/common';

/** A component's answer to "can this instance serve?": a short reason when it cannot. */
export type ReadinessCheck = () => Promise<string | null> | string | null;

/**
 * Components register what `/ready` must check (the supervisor does); the health controller
 * asks them all. A port, so the health feature does not import the features it checks.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** Every check's verdict: `up`, or the reason it is down. */
  async evaluate(): Promise<Record<string, string>> {
    const verdicts: Record<string, string> = {};
    for (const [name, check] of this.checks) {
      try {
        verdicts[name] = (await check()) ?? 'up';
      } catch (error) {
        verdicts[name] = error instanceof Error ? error.message : 'failed';
      }
    }
    return verdicts;
  }
}

@Global()
@Module({ providers: [ReadinessRegistry], exports: [ReadinessRegistry] })
export class ReadinessModule {}
