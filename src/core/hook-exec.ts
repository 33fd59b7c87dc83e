// Runs a call through the manager's monitors (pluggy's `_hookexec` chain) and observers, or
// straight into the call loop when there are none (one check, `env.plain`).
//
// pluggy nests the monitors: each one wraps the next as `before(); outcome = from_call(inner);
// after(outcome); return outcome.get_result()`. Here the nesting is unrolled into two loops around
// the call, so that the synchronous and the asynchronous call share it: the befores from the
// outermost (most recently added) monitor in, then the call, then the afters from the innermost
// entered monitor out. A `before` that throws skips the monitors inside it and the call; an
// `after` that throws becomes the outcome the next one out sees; the outermost's error is thrown.
// Observers (./observe.ts) see the call inside the monitors: the implementations it really ran.

import type { HookCore, HookMonitor } from "./hook-core.ts";
import type { HookImpl } from "./hook-impl.ts";
import { multicall } from "./multicall.ts";
import { multicallAsync, type AsyncCallMode } from "./multicall-async.ts";
import type { ObservedCallMode } from "./observe.ts";
import { Result } from "./result.ts";

/** Runs one synchronous hook call, inside the monitors and observers when there are any. */
export function execute(
  core: HookCore,
  impls: readonly HookImpl[],
  args: object,
  firstresult: boolean,
  argsChecked: boolean,
): unknown {
  const env = core.env;
  if (env.plain) return multicall(core.name, impls, args, firstresult, env.warn, argsChecked);
  const run = (): unknown => {
    if (env.observers.length === 0) return multicall(core.name, impls, args, firstresult, env.warn, argsChecked);
    const observed = env.observe!(env, core.name, kindOf(core, firstresult), "sync", args, impls);
    let result: unknown;
    try {
      result = multicall(core.name, observed.impls, args, firstresult, env.warn, argsChecked);
    } catch (error) {
      observed.fail(error);
      throw error;
    }
    observed.succeed(result);
    return result;
  };
  const monitors = env.monitors;
  if (monitors.length === 0) return run();
  const entered = enterMonitors(monitors, core.name, impls, args);
  return leaveMonitors(monitors, entered.innermost, entered.failure ?? Result.fromCall(run), core.name, impls, args);
}

/** Runs one asynchronous hook call; monitors' `after` callbacks and observers see the settled outcome. */
export async function executeAsync(
  core: HookCore,
  impls: readonly HookImpl[],
  args: object,
  firstresult: boolean,
  argsChecked: boolean,
  signal: AbortSignal | undefined,
  mode: AsyncCallMode,
): Promise<unknown> {
  const env = core.env;
  if (env.plain) return multicallAsync(core.name, impls, args, firstresult, env.warn, argsChecked, signal, mode);
  const run = async (): Promise<unknown> => {
    if (env.observers.length === 0) {
      return multicallAsync(core.name, impls, args, firstresult, env.warn, argsChecked, signal, mode);
    }
    const observedMode: ObservedCallMode = mode === "parallel" ? "parallel" : "async";
    const observed = env.observe!(env, core.name, kindOf(core, firstresult), observedMode, args, impls);
    let result: unknown;
    try {
      result = await multicallAsync(core.name, observed.impls, args, firstresult, env.warn, argsChecked, signal, mode);
    } catch (error) {
      observed.fail(error);
      throw error;
    }
    observed.succeed(result);
    return result;
  };
  const monitors = env.monitors;
  if (monitors.length === 0) return run();
  const entered = enterMonitors(monitors, core.name, impls, args);
  let outcome = entered.failure;
  if (outcome === undefined) {
    try {
      outcome = new Result<unknown>(await run(), undefined, false);
    } catch (error) {
      outcome = new Result<unknown>(undefined, error, true);
    }
  }
  return leaveMonitors(monitors, entered.innermost, outcome, core.name, impls, args);
}

function kindOf(core: HookCore, firstresult: boolean): "plain" | "firstresult" | "historic" {
  if (core.history !== undefined) return "historic";
  return firstresult ? "firstresult" : "plain";
}

interface EnteredMonitors {
  /** The index of the innermost monitor whose `before` ran. */
  readonly innermost: number;
  /** The error of a `before` that threw (the call itself then does not run). */
  readonly failure: Result<unknown> | undefined;
}

// Runs the befores, outermost first, up to one that throws.
function enterMonitors(
  monitors: readonly HookMonitor[],
  hookName: string,
  impls: readonly HookImpl[],
  args: object,
): EnteredMonitors {
  let innermost = monitors.length;
  try {
    for (let i = monitors.length - 1; i >= 0; i--) {
      innermost = i;
      monitors[i]!.before(hookName, impls, args);
    }
    return { innermost, failure: undefined };
  } catch (error) {
    // The monitor whose before threw is not entered: its after does not run.
    return { innermost: innermost + 1, failure: new Result<unknown>(undefined, error, true) };
  }
}

// Runs the afters of the entered monitors, innermost first; each sees its own copy of the outcome
// left by the one inside it, as pluggy's nested `from_call(inner)` gives it.
function leaveMonitors(
  monitors: readonly HookMonitor[],
  innermost: number,
  outcome: Result<unknown>,
  hookName: string,
  impls: readonly HookImpl[],
  args: object,
): unknown {
  let current = outcome;
  for (let i = innermost; i < monitors.length; i++) {
    if (i === monitors.length - 1) {
      monitors[i]!.after(current, hookName, impls, args);
      break;
    }
    try {
      monitors[i]!.after(current, hookName, impls, args);
      current = new Result<unknown>(current.failed ? undefined : current.getResult(), current.exception, current.failed);
    } catch (error) {
      current = new Result<unknown>(undefined, error, true);
    }
  }
  return current.getResult();
}
