// Runs a call through the manager's monitors (pluggy's `_hookexec` chain), or straight into the
// call loop when monitoring is off.

import type { CallEnvironment, HookMonitor } from "./hook-core.ts";
import type { HookImpl } from "./hook-impl.ts";
import { multicall } from "./multicall.ts";
import { multicallAsync, type AsyncCallMode } from "./multicall-async.ts";
import { Result } from "./result.ts";

/** Runs one synchronous hook call, inside the monitors when there are any. */
export function execute(
  env: CallEnvironment,
  hookName: string,
  impls: readonly HookImpl[],
  args: object,
  firstresult: boolean,
  argsChecked: boolean,
): unknown {
  const monitors = env.monitors;
  if (monitors.length === 0) return multicall(hookName, impls, args, firstresult, env.warn, argsChecked);
  return executeMonitored(monitors, monitors.length - 1, env, hookName, impls, args, firstresult, argsChecked);
}

// The most recently added monitor is the outermost: its `before` runs first, its `after` last.
function executeMonitored(
  monitors: readonly HookMonitor[],
  index: number,
  env: CallEnvironment,
  hookName: string,
  impls: readonly HookImpl[],
  args: object,
  firstresult: boolean,
  argsChecked: boolean,
): unknown {
  if (index < 0) return multicall(hookName, impls, args, firstresult, env.warn, argsChecked);
  const monitor = monitors[index]!;
  monitor.before(hookName, impls, args);
  const outcome = Result.fromCall(() =>
    executeMonitored(monitors, index - 1, env, hookName, impls, args, firstresult, argsChecked),
  );
  monitor.after(outcome, hookName, impls, args);
  return outcome.getResult();
}

/** Runs one asynchronous hook call; monitors' `after` callbacks see the settled outcome. */
export function executeAsync(
  env: CallEnvironment,
  hookName: string,
  impls: readonly HookImpl[],
  args: object,
  firstresult: boolean,
  argsChecked: boolean,
  signal: AbortSignal | undefined,
  mode: AsyncCallMode,
): Promise<unknown> {
  const monitors = env.monitors;
  if (monitors.length === 0) {
    return multicallAsync(hookName, impls, args, firstresult, env.warn, argsChecked, signal, mode);
  }
  return executeMonitoredAsync(monitors, monitors.length - 1, env, hookName, impls, args, firstresult, argsChecked, signal, mode);
}

async function executeMonitoredAsync(
  monitors: readonly HookMonitor[],
  index: number,
  env: CallEnvironment,
  hookName: string,
  impls: readonly HookImpl[],
  args: object,
  firstresult: boolean,
  argsChecked: boolean,
  signal: AbortSignal | undefined,
  mode: AsyncCallMode,
): Promise<unknown> {
  if (index < 0) return multicallAsync(hookName, impls, args, firstresult, env.warn, argsChecked, signal, mode);
  const monitor = monitors[index]!;
  monitor.before(hookName, impls, args);
  let outcome: Result<unknown>;
  try {
    outcome = new Result<unknown>(
      await executeMonitoredAsync(monitors, index - 1, env, hookName, impls, args, firstresult, argsChecked, signal, mode),
      undefined,
      false,
    );
  } catch (error) {
    outcome = new Result<unknown>(undefined, error, true);
  }
  monitor.after(outcome, hookName, impls, args);
  return outcome.getResult();
}
