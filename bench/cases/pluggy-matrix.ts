// pluggy's own benchmark matrix (testing/benchmark.py), rebuilt on hooksmith: implementations with
// new-style wrappers, and nested hook calls from inside implementations.

import { PluginManager } from "../../src/index.ts";
import { expectValue, type BenchCase, type PreparedCase } from "../harness.ts";
import { callNest, hookimpl, hookspec, project, type WrapperFunction } from "./fixtures.ts";

/** The arguments of pluggy's `test_hook_and_wrappers_speed`. */
interface FunArgs {
  readonly arg1: number;
  readonly arg2: number;
  readonly arg3: number;
}

const funSpecs = {
  fun: hookspec(function fun({ arg1, arg2, arg3 }: FunArgs): unknown {
    return [arg1, arg2, arg3];
  }),
};

// As in pluggy's matrix, every implementation is the same function, and so is every wrapper.
function hook({ arg1, arg2, arg3 }: FunArgs): number[] {
  return [arg1, arg2, arg3];
}

function* wrapper(_args: FunArgs): Generator<unknown, unknown, unknown> {
  return yield;
}

/**
 * pluggy's `test_hook_and_wrappers_speed[hooks=H-wrappers=W]`: `hooks` implementations returning
 * `[arg1, arg2, arg3]` inside `wrappers` new-style wrappers that return what they receive. The
 * baseline is a hand-written nest of generators ({@link callNest}). pluggy's matrix calls its
 * internal `_multicall` directly; hooksmith is called here through the public `pm.hook.fun(args)`,
 * which also checks the arguments against the spec.
 *
 * @param hooks - The number of implementations.
 * @param wrappers - The number of wrappers.
 * @returns The case.
 */
export function wrappersCase(hooks: number, wrappers: number): BenchCase {
  return {
    name: `hooks=${hooks} wrappers=${wrappers}`,
    pluggy: { kind: "wrappers", hooks, wrappers },
    prepare(): PreparedCase {
      const pm = new PluginManager<typeof funSpecs>(project);
      pm.addHookspecs(funSpecs);
      const implPlugin = { fun: hookimpl(hook) };
      const wrapperPlugin = { fun: hookimpl({ wrapper: true })(wrapper) };
      for (let i = 0; i < hooks; i++) pm.register({ ...implPlugin }, `hook_${i}`);
      for (let i = 0; i < wrappers; i++) pm.register({ ...wrapperPlugin }, `wrapper_${i}`);
      const impls = Array.from({ length: hooks }, () => hook);
      const wrapperFns = Array.from({ length: wrappers }, () => wrapper as WrapperFunction<FunArgs, unknown>);
      const args: FunArgs = { arg1: 1, arg2: 2, arg3: 3 };
      const expected = expectValue(Array.from({ length: hooks }, () => [1, 2, 3]));
      return {
        subjects: [
          { subject: "hooksmith", run: () => pm.hook.fun(args), verify: expected },
          { subject: "baseline", run: () => callNest(wrapperFns, impls, args), verify: expected },
        ],
      };
    },
  };
}

/** The arguments of pluggy's `test_call_hook`. */
interface NestArgs {
  readonly hooks: { fun(args: NestArgs): unknown };
  readonly nesting: number;
}

const nestSpecs = {
  fun: hookspec(function fun({ hooks, nesting }: NestArgs): unknown {
    return nesting > 0 ? hooks : undefined;
  }),
};

class Plugin {
  readonly index: number;

  constructor(index: number) {
    this.index = index;
  }

  fun({ hooks, nesting }: NestArgs): void {
    if (nesting) hooks.fun({ hooks, nesting: nesting - 1 });
  }
}
hookimpl(Plugin.prototype.fun);

class PluginWrap {
  readonly index: number;

  constructor(index: number) {
    this.index = index;
  }

  *fun(): Generator<unknown, unknown, unknown> {
    return yield;
  }
}
hookimpl({ wrapper: true })(PluginWrap.prototype.fun);

/**
 * pluggy's `test_call_hook[plugins-wrappers-nesting]`: `plugins` plugins whose implementation
 * calls the hook again while `nesting` is not zero, and `wrappers` wrapper plugins; the call is
 * `pm.hook.fun({ hooks: pm.hook, nesting })`. The baseline does the same recursion through
 * {@link callNest}.
 *
 * @param plugins - The number of plugins.
 * @param wrappers - The number of wrapper plugins.
 * @param nesting - The nesting depth.
 * @returns The case.
 */
export function callHookCase(plugins: number, wrappers: number, nesting: number): BenchCase {
  return {
    name: `call_hook (${plugins},${wrappers},${nesting})`,
    pluggy: { kind: "call_hook", plugins, wrappers, nesting },
    prepare(): PreparedCase {
      const pm = new PluginManager<typeof nestSpecs>(project);
      pm.addHookspecs(nestSpecs);
      for (let i = 0; i < plugins; i++) pm.register(new Plugin(i), `plug_${i}`);
      for (let i = 0; i < wrappers; i++) pm.register(new PluginWrap(i), `wrap_plug_${i}`);
      const hooks = pm.hook;

      const impls = Array.from({ length: plugins }, () => Plugin.prototype.fun);
      const wrapperFns = Array.from({ length: wrappers }, () => PluginWrap.prototype.fun as WrapperFunction<NestArgs, unknown>);
      const relay = { fun: (args: NestArgs): unknown => callNest(wrapperFns, impls, args) };

      const expected = expectValue([]);
      return {
        subjects: [
          { subject: "hooksmith", run: () => hooks.fun({ hooks, nesting }), verify: expected },
          { subject: "baseline", run: () => relay.fun({ hooks: relay, nesting }), verify: expected },
        ],
      };
    },
  };
}

/** pluggy's `test_call_hook` parameters: (plugins, wrappers, nesting). */
export const callHookMatrix: ReadonlyArray<readonly [number, number, number]> = [
  [1, 1, 0],
  [1, 1, 1],
  [1, 1, 5],
  [1, 5, 1],
  [1, 5, 5],
  [5, 1, 1],
  [5, 1, 5],
  [5, 5, 1],
  [5, 5, 5],
  [20, 20, 0],
  [100, 100, 0],
];
