import { BatchWriter, BufferFullError } from './batch-writer';

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('BatchWriter', () => {
  it('writes queued items in batches, in order, and settles each caller with its own result', async () => {
    const batches: number[][] = [];
    const writer = new BatchWriter<number, string>(
      (items) => {
        batches.push(items);
        return Promise.resolve(items.map((n) => `#${n}`));
      },
      { maxBatch: 3, lingerMs: 5, maxPending: 100 },
    );
    const results = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => writer.enqueue(n)));
    expect(results).toEqual(['#1', '#2', '#3', '#4', '#5', '#6', '#7']);
    expect(batches.flat()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(3);
  });

  it('groups items that arrive while a write is in flight into the next batch', async () => {
    const gate = deferred();
    const batches: number[][] = [];
    const writer = new BatchWriter<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate.promise;
        return items;
      },
      { maxBatch: 100, lingerMs: 1000, maxPending: 100 },
    );
    const first = writer.enqueue(0, true);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [1, 2, 3].map((n) => writer.enqueue(n, true));
    gate.release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[0], [1, 2, 3]]);
  });

  it('keeps a failed batch and retries it until the store is back, losing nothing', async () => {
    let failures = 2;
    const written: number[] = [];
    const errors: unknown[] = [];
    const writer = new BatchWriter<number, number>(
      (items) => {
        if (failures-- > 0) return Promise.reject(new Error('connection refused'));
        written.push(...items);
        return Promise.resolve(items);
      },
      {
        maxBatch: 10,
        lingerMs: 1,
        maxPending: 100,
        retryMinMs: 5,
        retryMaxMs: 10,
        onError: (e) => errors.push(e),
      },
    );
    await expect(Promise.all([1, 2, 3].map((n) => writer.enqueue(n)))).resolves.toEqual([1, 2, 3]);
    expect(written).toEqual([1, 2, 3]);
    expect(errors).toHaveLength(2);
  });

  it('rejects a batch the store refuses outright instead of retrying it forever, and goes on', async () => {
    const writer = new BatchWriter<number, number>(
      (items) => (items.includes(13) ? Promise.reject(new Error('bad row')) : Promise.resolve(items)),
      { maxBatch: 1, lingerMs: 1, maxPending: 100, isRetryable: () => false },
    );
    const bad = writer.enqueue(13);
    const good = writer.enqueue(14);
    await expect(bad).rejects.toThrow('bad row');
    await expect(good).resolves.toBe(14);
  });

  it('writes the neighbours of a refused item alone, so only the bad one fails', async () => {
    const writer = new BatchWriter<number, number>(
      (items) => (items.includes(13) ? Promise.reject(new Error('bad row')) : Promise.resolve(items)),
      { maxBatch: 10, lingerMs: 5, maxPending: 100, isRetryable: () => false },
    );
    const outcomes = await Promise.allSettled([12, 13, 14].map((n) => writer.enqueue(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('writes the salvaged form of a refused item instead of losing it, when told how', async () => {
    const writer = new BatchWriter<number, number>(
      (items) => (items.includes(13) ? Promise.reject(new Error('bad row')) : Promise.resolve(items)),
      {
        maxBatch: 10,
        lingerMs: 5,
        maxPending: 100,
        isRetryable: () => false,
        salvage: (n) => -n,
      },
    );
    const outcomes = await Promise.all([12, 13, 14].map((n) => writer.enqueue(n)));
    expect(outcomes).toEqual([12, -13, 14]);
  });

  it('refuses new items beyond maxPending with BufferFullError', async () => {
    const gate = deferred();
    const writer = new BatchWriter<number, number>(
      async (items) => {
        await gate.promise;
        return items;
      },
      { maxBatch: 1, lingerMs: 1, maxPending: 2 },
    );
    const accepted = [writer.enqueue(1), writer.enqueue(2)];
    await expect(writer.enqueue(3)).rejects.toBeInstanceOf(BufferFullError);
    gate.release();
    await expect(Promise.all(accepted)).resolves.toEqual([1, 2]);
  });

  it('flush waits for everything queued, and close rejects what cannot be written', async () => {
    const writer = new BatchWriter<number, number>((items) => Promise.resolve(items), { maxBatch: 5, lingerMs: 10_000, maxPending: 100 });
    const pending = [1, 2].map((n) => writer.enqueue(n));
    await writer.flush();
    await expect(Promise.all(pending)).resolves.toEqual([1, 2]);
    expect(writer.pending).toBe(0);

    const failing = new BatchWriter<number, number>(() => Promise.reject(new Error('down')), {
      maxBatch: 5,
      lingerMs: 10_000,
      maxPending: 100,
    });
    const lost = failing.enqueue(1);
    await failing.close();
    await expect(lost).rejects.toThrow('down');
    await expect(failing.enqueue(2)).rejects.toThrow('closed');
  });
});
