// Shared test helpers: a manager with captured warnings, markers for project "example", and the
// two call modes every call-behaviour test runs under.

import { HookimplMarker, HookspecMarker, PluginManager, type HookCaller, type HookFunction, type UntypedSpecs } from "../../src/index.ts";

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
export async function callHook<F extends HookFunction>(caller: HookCaller<F>, args: object | undefined, mode: CallMode): Promise<unknown> {
  const untyped = caller as unknown as HookCaller;
  return mode === "sync" ? untyped(args as Record<string, unknown>) : untyped.callAsync(args as Record<string, unknown>);
}

/** The hook caller of `name`, failing the test when it does not exist. */
export function hookOf(pm: PluginManager, name: string): HookCaller {
  const caller = pm.hook[name];
  if (caller === undefined) throw new Error(`no hook caller named '${name}'`);
  return caller;
}
