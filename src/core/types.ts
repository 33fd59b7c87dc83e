// The public type vocabulary: hook functions, spec maps, marker options and what a call returns.

import type { Result } from "./result.ts";

declare const firstResultBrand: unique symbol;
declare const historicBrand: unique symbol;

/**
 * Any function that can describe a hook: it takes the one arguments object (or nothing) and
 * returns what one implementation returns.
 */
export type HookFunction = (args: never) => unknown;

/** The hook type of an untyped manager: any arguments object, any result. */
export type UntypedHook = (args: Record<string, unknown>) => unknown;

/** The spec map of an untyped `PluginManager`: every name is a hook of unknown shape. */
export type UntypedSpecs = Record<string, UntypedHook>;

/** The brand that {@link FirstResult} puts on a hook type. */
export interface FirstResultHook {
  /** Marks a `firstresult` hook at the type level; never present at run time. */
  readonly [firstResultBrand]: true;
}

/** The brand that {@link Historic} puts on a hook type. */
export interface HistoricHook {
  /** Marks a `historic` hook at the type level; never present at run time. */
  readonly [historicBrand]: true;
}

/**
 * Marks a hook type as `firstresult`, so that calling it returns `R | undefined` instead of `R[]`.
 * Use it in a spec interface; `hookspec({ firstresult: true })(fn)` puts the same brand on `fn`.
 *
 * @example
 * ```ts
 * import type { FirstResult } from "hooksmith";
 *
 * interface Specs {
 *   resolveName: FirstResult<(args: { id: number }) => string>;
 * }
 * ```
 */
export type FirstResult<F extends HookFunction> = F & FirstResultHook;

/**
 * Marks a hook type as `historic`: it can only be called through `callHistoric`, and a direct call
 * does not type-check.
 *
 * @example
 * ```ts
 * import type { Historic } from "hooksmith";
 *
 * interface Specs {
 *   configure: Historic<(args: { config: Record<string, unknown> }) => void>;
 * }
 * ```
 */
export type Historic<F extends HookFunction> = F & HistoricHook;

/** The names of the hooks in a spec map: its function-valued string keys. */
export type HookNames<Specs> = {
  [Name in keyof Specs]-?: Specs[Name] extends HookFunction ? Name : never;
}[keyof Specs] &
  string;

/** The hook type named `Name` in a spec map, or {@link UntypedHook} when it is not a hook. */
export type HookOf<Specs, Name extends string> = Name extends keyof Specs
  ? Specs[Name] extends HookFunction
    ? Specs[Name]
    : UntypedHook
  : UntypedHook;

/** The arguments object of a hook: what a call passes and what every implementation receives. */
export type HookArgs<F> = F extends (...args: infer Parameters) => unknown
  ? Parameters extends readonly []
    ? EmptyArgs
    : Exclude<Parameters[0], undefined>
  : never;

/** The arguments object of a hook that takes none. */
export type EmptyArgs = Readonly<Record<string, never>>;

/** What one implementation of a hook returns (`undefined` meaning "no result"). */
export type HookReturn<F> = F extends (...args: never[]) => infer Return ? Return : never;

/** One collected result of a hook: an implementation's return value, minus "no result". */
export type HookResult<F> = Exclude<HookReturn<F>, undefined | void>;

/** Whether a call of hook `F` may omit its arguments object: it has no required key. */
// `{}` is the empty object type here: an arguments type it satisfies has no required key.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type HookArgsOptional<F> = {} extends HookArgs<F> ? true : false;

/** The argument list of a hook call: the arguments object, optional when it has no required key. */
export type HookCallArgs<F> = F extends HistoricHook
  ? [historicHooksAreCalledWithCallHistoric: never]
  : HookArgsOptional<F> extends true
    ? [args?: HookArgs<F>]
    : [args: HookArgs<F>];

/** What a synchronous call returns: `R[]`, or `R | undefined` for a `firstresult` hook. */
export type HookCallResult<F> = F extends FirstResultHook ? HookResult<F> | undefined : HookResult<F>[];

/** What `callAsync` resolves to: the awaited results, or the first one for a `firstresult` hook. */
export type HookAsyncCallResult<F> = F extends FirstResultHook
  ? Exclude<Awaited<HookReturn<F>>, undefined | void> | undefined
  : Exclude<Awaited<HookReturn<F>>, undefined | void>[];

/**
 * What a wrapper of hook `F` receives at its `yield` and returns: the call's result, which for an
 * async hook is a list of promises under a plain call and of their values under `callAsync`.
 */
export type HookWrapperResult<F> = HookCallResult<F> | HookAsyncCallResult<F>;

/**
 * A new-style wrapper of hook `F` (`wrapper: true`): a generator function whose `yield` gives the
 * inner result (or throws the inner error) and whose return value becomes the result. An async
 * generator (for `callAsync`) receives the awaited results.
 */
export type HookWrapper<F> = (
  args: HookArgs<F>,
) =>
  | Generator<unknown, HookWrapperResult<F>, HookWrapperResult<F>>
  | AsyncGenerator<unknown, HookAsyncCallResult<F>, HookAsyncCallResult<F>>;

/**
 * An old-style wrapper of hook `F` (`hookwrapper: true`): a generator function whose `yield` gives a
 * {@link Result} to inspect or change with `forceResult` / `forceException`.
 */
export type HookOldStyleWrapper<F> = (
  args: HookArgs<F>,
) => Generator<unknown, void, Result<HookWrapperResult<F>>> | AsyncGenerator<unknown, void, Result<HookAsyncCallResult<F>>>;

/** Any function a plugin may provide for hook `F`: a plain implementation or a wrapper. */
export type HookImplementation<F> =
  ((args: HookArgs<F>) => HookReturn<F> | undefined | void) | HookWrapper<F> | HookOldStyleWrapper<F>;

/**
 * The shape a plugin object or class must have to implement hooks of `Specs`: every member named
 * after a hook must be an implementation of that hook. Check a plugin at compile time with
 * `satisfies Plugin<Specs>` (objects) or `implements Plugin<Specs>` (classes).
 *
 * @example
 * ```ts
 * import { HookimplMarker, type Plugin } from "hooksmith";
 *
 * interface Specs {
 *   greet(args: { name: string }): string;
 * }
 * const hookimpl = HookimplMarker("example");
 * export const plugin = {
 *   greet: hookimpl(({ name }: { name: string }) => `hello ${name}`),
 * } satisfies Plugin<Specs>;
 * ```
 */
export type Plugin<Specs> = { [Name in HookNames<Specs>]?: HookImplementation<Specs[Name]> };

/** The options a `HookspecMarker` accepts (pluggy's `HookspecOpts`, camel-cased). */
export interface HookspecOptions {
  /** The call stops at the first non-`undefined` result and returns it alone. */
  readonly firstresult?: boolean | undefined;
  /** Calls are remembered and replayed to implementations registered later; call with `callHistoric`. */
  readonly historic?: boolean | undefined;
  /** A warning emitted for every implementation of this hook (e.g. a deprecation). */
  readonly warnOnImpl?: Error | undefined;
  /** Warnings emitted for implementations that use the named arguments. */
  readonly warnOnImplArgs?: Readonly<Record<string, Error>> | undefined;
  /** The spec's argument names, when they cannot be read from its destructuring pattern. */
  readonly argnames?: readonly string[] | undefined;
}

/** The options a `HookimplMarker` accepts (pluggy's `HookimplOpts`). */
export interface HookimplOptions {
  /** A new-style wrapper: a generator that receives the inner result at its `yield`. */
  readonly wrapper?: boolean | undefined;
  /** An old-style wrapper: a generator that receives a `Result` at its `yield`. */
  readonly hookwrapper?: boolean | undefined;
  /** `checkPending` does not report this implementation when its hook has no spec. */
  readonly optionalhook?: boolean | undefined;
  /** Call as early as possible within its group (wrappers or implementations). */
  readonly tryfirst?: boolean | undefined;
  /** Call as late as possible within its group (wrappers or implementations). */
  readonly trylast?: boolean | undefined;
  /** The hook to implement, when it differs from the member name. */
  readonly specname?: string | undefined;
  /** The implementation's required argument names, when they cannot be read from its source. */
  readonly argnames?: readonly string[] | undefined;
}

/** Hookspec options with every key present, as `parseHookspecOpts` returns them. */
export interface HookspecOpts {
  /** See {@link HookspecOptions.firstresult}. */
  readonly firstresult: boolean;
  /** See {@link HookspecOptions.historic}. */
  readonly historic: boolean;
  /** See {@link HookspecOptions.warnOnImpl}. */
  readonly warnOnImpl: Error | undefined;
  /** See {@link HookspecOptions.warnOnImplArgs}. */
  readonly warnOnImplArgs: Readonly<Record<string, Error>> | undefined;
  /** See {@link HookspecOptions.argnames}. */
  readonly argnames: readonly string[] | undefined;
}

/** Hookimpl options with every key present, as `parseHookimplOpts` returns them. */
export interface HookimplOpts {
  /** See {@link HookimplOptions.wrapper}. */
  readonly wrapper: boolean;
  /** See {@link HookimplOptions.hookwrapper}. */
  readonly hookwrapper: boolean;
  /** See {@link HookimplOptions.optionalhook}. */
  readonly optionalhook: boolean;
  /** See {@link HookimplOptions.tryfirst}. */
  readonly tryfirst: boolean;
  /** See {@link HookimplOptions.trylast}. */
  readonly trylast: boolean;
  /** See {@link HookimplOptions.specname}. */
  readonly specname: string | undefined;
  /** See {@link HookimplOptions.argnames}. */
  readonly argnames: readonly string[] | undefined;
}
