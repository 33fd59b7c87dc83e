// Promise-ordering helpers for the async tests: no sleeps, only settlement order.

/** A promise with its resolve and reject functions (Node 20 has no `Promise.withResolvers`). */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/** Creates a {@link Deferred}. */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Settles after every promise reaction queued so far has run (one macrotask later). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `body` with the process's unhandled-rejection listeners replaced by one that records the
 * reasons, and returns them; the original listeners (vitest's) are restored afterwards.
 */
export async function unhandledRejectionsDuring(body: () => unknown): Promise<unknown[]> {
  const reasons: unknown[] = [];
  const original = process.listeners("unhandledRejection");
  const record = (reason: unknown): void => {
    reasons.push(reason);
  };
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", record);
  try {
    await body();
    // Node reports unhandled rejections once the microtask queue has drained.
    await flush();
    await flush();
  } finally {
    process.removeListener("unhandledRejection", record);
    for (const listener of original) process.on("unhandledRejection", listener);
  }
  return reasons;
}
