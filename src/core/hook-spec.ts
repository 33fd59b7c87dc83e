import { argnamesOf } from "./argnames.ts";
import type { HookspecOpts } from "./types.ts";

/**
 * The specification of a hook (pluggy's `HookSpec`): the namespace it came from, its function,
 * argument names and options. Read it as `pm.hook.name.spec`.
 *
 * @example
 * ```ts
 * import { HookspecMarker, PluginManager } from "hooksmith";
 *
 * const hookspec = HookspecMarker("example");
 * const pm = new PluginManager("example");
 * pm.addHookspecs({ pick: hookspec({ firstresult: true })((_args: { id: number }) => "") });
 * console.log(pm.hook["pick"]!.spec?.opts.firstresult); // true
 * ```
 */
export class HookSpec {
  /** The namespace (class, object or module) the spec was added from. */
  readonly namespace: object;
  /** The hook name. */
  readonly name: string;
  /** The spec function. */
  readonly function: Function;
  /** The arguments a call must provide, or `undefined` when they cannot be known. */
  readonly argnames: readonly string[] | undefined;
  /** The arguments declared with a default value, or `undefined` when unknown. */
  readonly kwargnames: readonly string[] | undefined;
  /** The normalised options. */
  readonly opts: HookspecOpts;
  /** The warning to emit for every implementation, if any. */
  readonly warnOnImpl: Error | undefined;
  /** The warnings to emit for implementations using given arguments, if any. */
  readonly warnOnImplArgs: Readonly<Record<string, Error>> | undefined;

  /**
   * @param namespace - Where the spec was found.
   * @param name - The hook name.
   * @param fn - The spec function.
   * @param opts - The normalised options.
   */
  constructor(namespace: object, name: string, fn: Function, opts: HookspecOpts) {
    this.namespace = namespace;
    this.name = name;
    this.function = fn;
    this.opts = opts;
    const names = argnamesOf(fn, opts.argnames);
    this.argnames = names?.required;
    this.kwargnames = names?.optional;
    this.warnOnImpl = opts.warnOnImpl;
    this.warnOnImplArgs = opts.warnOnImplArgs;
  }
}
