// Shared test helpers: a manager with captured warnings, markers for project "example", and the
// two call modes every call-behaviour test runs under.

import {
  HookimplMarker,
  HookspecMarker,
  PluginManager,
  type HookCaller,
  type HookFunction,
  type UntypedSpecs,
} from "../../src/index.ts";

export const hookspec = HookspecMarker("example");
export const hookimpl = HookimplMarker("example");

/** A manager of project "example" whose warnings land in `warnings` instead of the process. */
export function createManager<Specs extends object = UntypedSpecs>(): { pm: PluginManager<Specs>; warnings: Error[] } {
  const warnings: Error[] = [];
  const pm = new PluginManager<Specs>("example", { warn: (warning) => warnings.push(warning) });
  return { pm, warnings };
}

/** The ways a hook can be called; call-behaviour tests run under each. */
export type CallMode = "sync" | "async";
export const callModes: readonly CallMode[] = ["sync", "async"];

/**
 * Calls a hook in the given mode and always returns a promise, so that one test body asserts both:
 * a synchronous throw becomes a rejection.
 */
export async function callHook<F extends HookFunction>(
  caller: HookCaller<F>,
  args: object | undefined,
  mode: CallMode,
): Promise<unknown> {
  const untyped = caller as unknown as HookCaller;
  return mode === "sync" ? untyped(args as Record<string, unknown>) : untyped.callAsync(args as Record<string, unknown>);
}

/** The hook caller of `name`, failing the test when it does not exist. */
export function hookOf(pm: PluginManager, name: string): HookCaller {
  const caller = pm.hook[name];
  if (caller === undefined) throw new Error(`no hook caller named '${name}'`);
  return caller;
}

/** Runs `fn` and returns what it throws; fails the test when it does not throw. */
export function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to throw");
}

/** Awaits `promise` and returns its rejection reason; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the promise to reject");
    },
    (reason: unknown) => reason,
  );
}
