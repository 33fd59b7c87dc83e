// The public type vocabulary: hook functions, spec maps, marker options and what a call returns.

import type { Result } from "./result.ts";

declare const firstResultBrand: unique symbol;
declare const historicBrand: unique symbol;
declare const implMark: unique symbol;

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

/**
 * The argument list of a hook call: the arguments object, optional when it has no required key. A
 * historic hook takes a message instead, so that a direct call fails to compile and says why.
 */
export type HookCallArgs<F> = F extends HistoricHook
  ? [historicHook?: HistoricDirectCallMessage]
  : HookArgsOptional<F> extends true
    ? [args?: HookArgs<F>]
    : [args: HookArgs<F>];

/**
 * The `this` type of a hook call: `unknown` (any), or for a historic hook a message, so that a
 * direct call, even without arguments, fails to compile with that message.
 */
export type HookCallThis<F> = F extends HistoricHook ? HistoricDirectCallMessage : unknown;

/** The parameter type of a direct call of a historic hook: a message no value should match. */
export type HistoricDirectCallMessage = "Historic hooks are called with callHistoric({ kwargs, resultCallback })";

/** The parameter type of `callHistoric` on a hook that is not historic: a message no value should match. */
export type NotHistoricMessage =
  "callHistoric needs a historic hook: brand its spec with Historic<F> or hookspec({ historic: true })(fn), or call the hook directly";

/**
 * Whether `F` is the hook type of an untyped manager (any arguments, unknown result), for which
 * nothing can be checked.
 */
export type IsUntypedHook<F> = [F] extends [UntypedHook] ? ([UntypedHook] extends [F] ? true : false) : false;

/**
 * The argument list of `callHistoric` / `callHistoricAsync` with options type `Options`: only a
 * historic hook (branded `Historic<F>`) takes them, with `kwargs` required when the spec has
 * required arguments; on another typed hook the parameter is a message, so the call fails to
 * compile and says why. An untyped hook takes optional options.
 */
export type CallHistoricArgs<F, Options> =
  IsUntypedHook<F> extends true
    ? [options?: Options]
    : F extends HistoricHook
      ? HookArgsOptional<F> extends true
        ? [options?: Options]
        : [options: Options & RequiredKwargs<F>]
      : [notHistoric: NotHistoricMessage];

/** What `callHistoric` needs on top of its options when the spec has required arguments. */
export interface RequiredKwargs<F> {
  /** The arguments of the call, required. */
  readonly kwargs: HookArgs<F>;
}

/** The arguments object of `callExtra`: a message on a historic hook, which cannot be called so. */
export type HookExtraArgs<F> = F extends HistoricHook ? HistoricDirectCallMessage : HookArgs<F>;

/** An extra implementation for `callExtra`: a plain implementation of hook `F` (any function when untyped). */
export type HookExtraImplementation<F> = IsUntypedHook<F> extends true ? Function : HookImplFunction<F>;

/**
 * An extra implementation for `callExtraAsync`: a plain implementation of hook `F`, or one that
 * returns a promise of its result (`callExtraAsync` awaits it).
 */
export type HookAsyncExtraImplementation<F> =
  IsUntypedHook<F> extends true
    ? Function
    : HookImplFunction<F> | ((args: HookArgs<F>) => PromiseLike<Awaited<HookReturn<F>> | undefined | void>);

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
 * generator (for `callAsync`) receives the awaited results. When the spec's result is `void` or
 * `unknown`, implementations may return anything, and so may the wrapper.
 */
export type HookWrapper<F> = (
  args: HookArgs<F>,
) =>
  | Generator<unknown, WrapperReturn<F, HookWrapperResult<F>>, HookWrapperResult<F>>
  | AsyncGenerator<unknown, WrapperReturn<F, HookAsyncCallResult<F>>, HookAsyncCallResult<F>>;

type WrapperReturn<F, Results> = [HookReturn<F>] extends [void] ? unknown : unknown extends HookReturn<F> ? unknown : Results;

/**
 * An old-style wrapper of hook `F` (`hookwrapper: true`): a generator function whose `yield` gives a
 * {@link Result} to inspect or change with `forceResult` / `forceException`.
 */
export type HookOldStyleWrapper<F> = (
  args: HookArgs<F>,
) => Generator<unknown, void, Result<HookWrapperResult<F>>> | AsyncGenerator<unknown, void, Result<HookAsyncCallResult<F>>>;

/**
 * What an implementation of hook `F` may return: a result of the spec's type, or `undefined` ("no
 * result"); where the spec returns a promise, the implementation's promise may resolve to
 * `undefined`.
 */
export type HookImplReturn<F> = ImplResult<HookReturn<F>> | undefined | void;

// A promise-returning spec lets each implementation resolve to undefined as well; distributes
// over a union such as `number | Promise<number>`.
type ImplResult<Return> = Return extends PromiseLike<infer Value> ? Return | PromiseLike<Value | undefined | void> : Return;

/**
 * A plain implementation of hook `F` (neither wrapper option): it receives the arguments object and
 * returns a result or `undefined`.
 */
// Spelled out rather than through HookImplReturn, so that messages show the union it allows. A
// `void` spec keeps TypeScript's rule that a callback typed `=> void` may return anything.
export type HookImplFunction<F> = (
  args: HookArgs<F>,
) => [HookReturn<F>] extends [void] ? void : ImplResult<HookReturn<F>> | undefined | void;

/** Any function a plugin may provide for hook `F`: a plain implementation or a wrapper. */
export type HookImplementation<F> = HookImplFunction<F> | HookWrapper<F> | HookOldStyleWrapper<F>;

/**
 * The type-level record of a `hookimpl` mark: `hookimpl(options)(fn)` returns `fn` with this
 * brand, so that `register`, `definePlugin` and the test managers know the options a member was
 * marked with (its wrapper kind, `specname`, `optionalhook`). A decorator cannot change a method's
 * type, so decorated methods carry no brand (see docs/specs-and-implementations.md).
 */
export interface HookimplMark<Options> {
  /** The options the function was marked with, as written; a type-level record only. */
  readonly [implMark]: Options;
}

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

/**
 * `Type`, in a position TypeScript does not infer it from (the built-in `NoInfer` needs
 * TypeScript 5.4), and read as `Fallback` while TypeScript types the arguments of a call before
 * `Type` is known: a test manager's `Specs` comes from its type argument, never from its plugins,
 * and a plugin written inline is typed with the default.
 */
export type NoInference<Type, Fallback = Type> = [Type] extends [never] ? Fallback : [Type][Type extends unknown ? 0 : never];

/**
 * A plugin checked against `Specs` without knowing its own type: each member named after a hook
 * must implement that hook, other members are free. The test managers type their `plugins` with
 * it (TypeScript cannot infer a type argument per plugin there while `Specs` is given explicitly);
 * an untyped spec map accepts any object.
 *
 * @example
 * ```ts
 * import { HookimplMarker, type PluginLike } from "hooksmith";
 *
 * interface Specs {
 *   greet(args: { name: string }): string;
 * }
 * const hookimpl = HookimplMarker("example");
 * const plugins: Record<string, PluginLike<Specs>> = {
 *   greeter: { greet: hookimpl(({ name }) => `hello ${name}`), helper: 1 },
 * };
 * ```
 */
export type PluginLike<Specs> =
  IsUntypedSpecs<Specs> extends true
    ? object
    : // `& object` keeps a class instance with no hook member from failing TypeScript's weak type
      // check; the index signature lets an object literal have helper members.
      (Plugin<Specs> & object) | (Plugin<Specs> & { readonly [member: string]: unknown });

/**
 * What `register`, `definePlugin` and the test managers check a plugin of type `PluginObject`
 * against, for a manager typed with `Specs` (an untyped manager checks nothing):
 *
 * - a member marked with `hookimpl(options)(fn)` implements the hook its `specname` names, or its
 *   own name: it must fit that hook's spec as a plain implementation, a `wrapper` or a
 *   `hookwrapper`, as its options say; naming no hook is an error unless it is `optionalhook`;
 * - an unmarked member named after a hook (a decorated method: decorators cannot change a type)
 *   must fit that hook's spec, as a wrapper when it returns a generator;
 * - any other member (helpers, fields) is free.
 */
export type CheckPlugin<Specs, PluginObject> =
  IsUntypedSpecs<Specs> extends true ? PluginObject : CheckPluginMembers<Specs, PluginObject> & PluginObject;

/** The member types {@link CheckPlugin} checks a typed plugin's members against. */
export type CheckPluginMembers<Specs, PluginObject> = {
  [Name in keyof PluginObject]: Name extends string ? CheckMember<Specs, Name, PluginObject[Name]> : PluginObject[Name];
};

/**
 * What a method decorator of a marker typed with `Specs` returns: `void` when the method `Name`
 * fits (as {@link CheckPlugin} checks a marked member: the hook its name or `specname` names, as
 * the kind its options say, or no hook with `optionalhook`), otherwise an object type whose key
 * says what is wrong, which TypeScript reports as the decorator's return type (`TS1270`/`TS1271`).
 * An untyped marker checks nothing.
 */
export type CheckDecorated<Specs, Name, Member, Options> =
  IsUntypedSpecs<Specs> extends true
    ? void
    : Name extends string
      ? CheckMember<Specs, Name, Member & HookimplMark<Options>> extends infer Expected
        ? [Member & HookimplMark<Options>] extends [Expected]
          ? void
          : Expected extends string
            ? { readonly [Message in Expected]: never }
            : { readonly [Message in `hookimpl method '${Name}' does not fit its hook, expected`]: Expected }
        : never
      : void;

/**
 * Whether `Specs` is the spec map of an untyped manager: every name is a hook (`UntypedSpecs`), or
 * no name is (`object`, as a generic manager type erases to).
 */
export type IsUntypedSpecs<Specs> = string extends HookNames<Specs> ? true : [HookNames<Specs>] extends [never] ? true : false;

/** What one member `Name` of a plugin is checked against (see {@link CheckPlugin}). */
export type CheckMember<Specs, Name extends string, Member> =
  Member extends HookimplMark<infer Options>
    ? CheckMarkedMember<Specs, Name, Member, Options>
    : Name extends HookNames<Specs>
      ? CheckUnmarkedMember<Specs[Name], Member>
      : Member;

// A member marked with `Options`: the hook it implements is its specname, or its own name.
type CheckMarkedMember<Specs, Name extends string, Member, Options> =
  MarkTarget<Name, Options> extends infer Target extends string
    ? string extends Target
      ? Member
      : Target extends HookNames<Specs>
        ? ImplementationOfKind<Specs[Target], Options>
        : true extends MarkOption<Options, "optionalhook">
          ? Member
          : UnknownHookMessage<Name, Target>
    : never;

type MarkTarget<Name extends string, Options> = "specname" extends keyof Options
  ? Options["specname"] extends infer Specname
    ? Specname extends string
      ? Specname
      : Name
    : Name
  : Name;

// An option as written, `undefined` when absent (`boolean` when the options were widened).
type MarkOption<Options, Key extends string> = Key extends keyof Options ? Options[Key] : undefined;

// The implementation type the options select; options widened to `boolean` allow every kind.
type ImplementationOfKind<F, Options> =
  MarkOption<Options, "wrapper"> extends true
    ? HookWrapper<F>
    : MarkOption<Options, "hookwrapper"> extends true
      ? HookOldStyleWrapper<F>
      : true extends MarkOption<Options, "wrapper"> | MarkOption<Options, "hookwrapper">
        ? HookImplementation<F>
        : HookImplFunction<F>;

// A member without a type-level mark named after a hook: a wrapper when it returns a generator.
type CheckUnmarkedMember<F, Member> = Member extends undefined
  ? Member
  : Member extends (...args: never) => infer Return
    ? IsGenerator<Return> extends true
      ? HookWrapper<F> | HookOldStyleWrapper<F>
      : HookImplFunction<F>
    : HookImplFunction<F>;

type IsGenerator<Return> = [Return] extends [never]
  ? false
  : [Return] extends [Generator<unknown, unknown, never> | AsyncGenerator<unknown, unknown, never>]
    ? true
    : false;

type UnknownHookMessage<Name extends string, Target extends string> = Name extends Target
  ? `hookimpl member '${Name}' names no hook of the spec map: fix its name, or mark it with specname or optionalhook`
  : `hookimpl member '${Name}' has specname '${Target}', which names no hook of the spec map`;

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
