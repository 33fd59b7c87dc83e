// The hooksmith implementation that runs one tap: it reads the tap's positional arguments from the
// arguments object, runs the view's `tap` interceptors when the call came through a view, and
// turns `tapAsync` callbacks and `tapPromise` promises into what hooksmith awaits.

import { TapableTapError } from "./errors.ts";
import { describeValue } from "../core/describe.ts";
import { callContextOf, toPositional } from "./arguments.ts";
import type { TapRecord } from "./tap-registry.ts";

/** Creates the implementation of a tap whose record `record()` returns once registered. */
export function makeTapImpl(names: readonly string[], record: () => TapRecord): Function {
  return function tapImplementation(args: Record<string, unknown>): unknown {
    const { descriptor, hookName, tapName } = record();
    const context = callContextOf(args);
    if (context !== undefined) {
      for (const interceptor of context.interceptors) (interceptor as { tap?: (tap: unknown) => void }).tap?.(descriptor);
    }
    const positional = toPositional(names, args);
    const fn = descriptor.fn;
    switch (descriptor.type) {
      case "async":
        return new Promise((resolve, reject) => {
          Reflect.apply(fn, undefined, [
            ...positional,
            (error: unknown, result?: unknown) => {
              if (error) reject(error);
              else resolve(result);
            },
          ]);
        });
      case "promise": {
        const promise: unknown = Reflect.apply(fn, undefined, positional);
        if (typeof (promise as { then?: unknown } | null)?.then !== "function") {
          throw new TapableTapError(
            `Tap '${tapName}' on hook '${hookName}' was made with tapPromise but returned ${describeValue(promise)}, not a promise`,
            {
              code: "HOOKSMITH_TAPABLE_NOT_A_PROMISE",
              hookName,
              tapName,
            },
          );
        }
        return Promise.resolve(promise).catch((error: unknown) => {
          if (error) throw error;
          throw new TapableTapError(`Tap '${tapName}' on hook '${hookName}' rejected with ${describeValue(error)}`, {
            code: "HOOKSMITH_TAPABLE_FALSY_REJECTION",
            hookName,
            tapName,
            cause: error,
          });
        });
      }
      default:
        return Reflect.apply(fn, undefined, positional);
    }
  };
}
