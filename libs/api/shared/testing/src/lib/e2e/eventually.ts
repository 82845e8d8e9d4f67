/**
 * Polls `check` until it returns something other than `undefined`/`false` and resolves with it.
 * The timeout only bounds a hang (a test that waits for something that never comes); it
 * measures nothing, so it is generous.
 */
export async function eventually<T>(
  check: () => T | false | undefined | Promise<T | false | undefined>,
  what: string,
  { timeoutMs = 30_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Gave up waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
