import { Injectable } from '@nestjs/common';

/** Runs tasks for the same key one after another (commands on one server never overlap). */
@Injectable()
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    this.tails.set(key, next);
    void next
      .catch(() => undefined)
      .finally(() => {
        if (this.tails.get(key) === next) {
          this.tails.delete(key);
        }
      });
    return next;
  }
}
