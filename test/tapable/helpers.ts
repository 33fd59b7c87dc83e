// Shared helpers of the tapable bridge tests: an interceptor that records what it sees, and a
// settled-promise helper for callback-style calls.

/** One recorded interceptor or tap event. */
export type Event = readonly unknown[];

/**
 * An interceptor with every callback tapable knows, pushing what it sees into `log`: the `call`
 * arguments, each `tap` name, the `result`, the `error` message, `done`, and each `loop`.
 */
export function recordingInterceptor(log: Event[]): {
  call: (...args: unknown[]) => void;
  tap: (tap: { name: string }) => void;
  result: (result: unknown) => void;
  error: (error: Error) => void;
  done: () => void;
  loop: (...args: unknown[]) => void;
} {
  return {
    call: (...args) => log.push(["call", ...args]),
    tap: (tap) => log.push(["tap", tap.name]),
    result: (result) => log.push(["result", result]),
    error: (error) => log.push(["error", error.message]),
    done: () => log.push(["done"]),
    loop: (...args) => log.push(["loop", ...args]),
  };
}

/** Calls a tapable `callAsync` and resolves with the callback's arguments (as an array). */
export function callbackArgs(callAsync: (callback: (...args: unknown[]) => void) => void): Promise<unknown[]> {
  return new Promise((resolve) => {
    callAsync((...args) => resolve(args));
  });
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
