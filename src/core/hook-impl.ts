import { argnamesOf } from "./argnames.ts";
import { describePlugin } from "./describe.ts";
import type { HookimplOpts } from "./types.ts";

/** What kind of function an implementation is, which decides how a call loop drives it. */
export type FunctionKind = "function" | "async-function" | "generator" | "async-generator";

/**
 * One hook implementation registered on a hook (pluggy's `HookImpl`): the function, the plugin that
 * provided it, and its options. Created by the manager; read it through
 * `pm.hook.name.getHookimpls()` or in monitoring callbacks.
 *
 * @example
 * ```ts
 * import { HookimplMarker, PluginManager } from "hooksmith";
 *
 * const hookimpl = HookimplMarker("example");
 * const pm = new PluginManager("example");
 * pm.register({ greet: hookimpl({ tryfirst: true })(({ name }: { name: string }) => name) }, "p");
 * const [impl] = pm.hook["greet"]!.getHookimpls();
 * console.log(impl?.pluginName, impl?.tryfirst, impl?.argnames); // "p" true ["name"]
 * ```
 */
export class HookImpl {
  /** The implementation function (call it with the plugin as `this`). */
  readonly function: Function;
  /** The plugin that provided it; `undefined` for the temporary functions of `callExtra`. */
  readonly plugin: object | undefined;
  /** The name the plugin is registered under (`"<temp>"` for `callExtra` functions). */
  readonly pluginName: string;
  /** The normalised options of its mark. */
  readonly opts: HookimplOpts;
  /** The arguments it requires, or `undefined` when they cannot be known (checks are skipped). */
  readonly argnames: readonly string[] | undefined;
  /** The arguments it reads with a default value, or `undefined` when unknown. */
  readonly kwargnames: readonly string[] | undefined;
  /** What kind of function it is (plain, async, generator, async generator). */
  readonly kind: FunctionKind;

  /**
   * @param plugin - The plugin that provided the function.
   * @param pluginName - The name the plugin is registered under.
   * @param fn - The implementation function.
   * @param opts - The normalised options.
   */
  constructor(plugin: object | undefined, pluginName: string, fn: Function, opts: HookimplOpts) {
    this.function = fn;
    this.plugin = plugin;
    this.pluginName = pluginName;
    this.opts = opts;
    const names = argnamesOf(fn, opts.argnames);
    this.argnames = names?.required;
    this.kwargnames = names?.optional;
    this.kind = functionKind(fn);
  }

  // The flags are read from `opts`, which every function marked with the same options shares,
  // rather than copied into each implementation: thousands of registered plugins keep fewer bytes.

  /** Whether it is a new-style wrapper. */
  get wrapper(): boolean {
    return this.opts.wrapper;
  }

  /** Whether it is an old-style wrapper. */
  get hookwrapper(): boolean {
    return this.opts.hookwrapper;
  }

  /** Whether `checkPending` ignores it when its hook has no spec. */
  get optionalhook(): boolean {
    return this.opts.optionalhook;
  }

  /** Whether it is ordered first within its group. */
  get tryfirst(): boolean {
    return this.opts.tryfirst;
  }

  /** Whether it is ordered last within its group. */
  get trylast(): boolean {
    return this.opts.trylast;
  }

  /** Renders as pluggy does: `<HookImpl plugin_name='p', plugin=<repr>>`. */
  toString(): string {
    return `<HookImpl plugin_name='${this.pluginName}', plugin=${describePlugin(this.plugin)}>`;
  }
}

/** Tells a plain, async, generator or async generator function apart. */
export function functionKind(fn: Function): FunctionKind {
  switch (Object.prototype.toString.call(fn)) {
    case "[object GeneratorFunction]":
      return "generator";
    case "[object AsyncGeneratorFunction]":
      return "async-generator";
    case "[object AsyncFunction]":
      return "async-function";
    default:
      return "function";
  }
}
