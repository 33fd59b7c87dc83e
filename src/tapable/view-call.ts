// The call functions of a tapable view (`call`, `callAsync`, `promise`), produced by its `compile`:
// each runs the hooksmith call and drives the view's interceptors the way the same tapable class
// does (`call` first, `tap` before each tap, then `result` or `done`, `error` on failure; a
// synchronous `call` of a synchronous kind rethrows without `error`, as tapable does).

import { toArgsObject } from "./arguments.ts";
import type { HookKind } from "./hook-kind.ts";
import { runHook } from "./run-hook.ts";
import type { ViewState } from "./view-state.ts";

interface Interceptor {
  readonly call?: (...args: unknown[]) => void;
  readonly error?: (error: unknown) => void;
  readonly result?: (result: unknown) => void;
  readonly done?: () => void;
}

/** The function tapable's `compile` returns for a view and a call type. */
export function compileViewCall(state: ViewState, type: "sync" | "async" | "promise"): Function {
  const count = state.names.length;
  switch (type) {
    case "sync":
      return function call(...given: unknown[]): unknown {
        const { args, interceptors } = begin(state, given);
        const value = runHook(state.target, args, state.kind, state.names[0]);
        return finish(state.kind, interceptors, value);
      };
    case "promise":
      return function promise(...given: unknown[]): Promise<unknown> {
        return run(state, given);
      };
    default:
      return function callAsync(...given: unknown[]): void {
        const callback = given[count];
        if (typeof callback !== "function") {
          throw new TypeError(
            `callAsync of hook '${state.target.hookName}' needs a callback after its ${count} argument(s), got ${typeof callback}`,
          );
        }
        run(state, given).then(
          (value) => (value === undefined && state.kind.result !== "waterfall" ? callback() : callback(null, value)),
          (error: unknown) => callback(error),
        );
      };
  }
}

async function run(state: ViewState, given: readonly unknown[]): Promise<unknown> {
  const { args, interceptors } = begin(state, given);
  let value: unknown;
  try {
    value = await runHook(state.target, args, state.kind, state.names[0]);
  } catch (error) {
    for (const interceptor of interceptors) interceptor.error?.(error);
    throw error;
  }
  return finish(state.kind, interceptors, value);
}

function begin(
  state: ViewState,
  given: readonly unknown[],
): { args: Record<string, unknown>; interceptors: readonly Interceptor[] } {
  const positional = state.names.map((_name, index) => given[index]);
  if (state.interceptors.length === 0) return { args: toArgsObject(state.names, positional), interceptors: [] };
  const interceptors = [...state.interceptors] as Interceptor[];
  for (const interceptor of interceptors) interceptor.call?.(...positional);
  return { args: toArgsObject(state.names, positional, { interceptors }), interceptors };
}

// Reports the outcome to the interceptors and returns what the tapable kind returns.
function finish(kind: HookKind, interceptors: readonly Interceptor[], value: unknown): unknown {
  if (kind.result === "none") {
    for (const interceptor of interceptors) interceptor.done?.();
    return undefined;
  }
  if (kind.result === "bail" && value === undefined) {
    for (const interceptor of interceptors) interceptor.done?.();
    return undefined;
  }
  for (const interceptor of interceptors) interceptor.result?.(value);
  return value;
}
