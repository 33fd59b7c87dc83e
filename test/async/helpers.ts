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
