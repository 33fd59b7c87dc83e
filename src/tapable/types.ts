// The public type vocabulary of `hooksmith/tapable`: view options, the tapable class a view gets,
// and the structural shape of a tapable hook that the bridge taps.

import type {
  AsyncParallelBailHook,
  AsyncParallelHook,
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesWaterfallHook,
  SyncBailHook,
  SyncHook,
  SyncWaterfallHook,
} from "tapable";
import type { EmptyArgs, FirstResultHook, HookArgs, HookReturn } from "../core/types.ts";

/**
 * How a tapable view calls its hooksmith hook: `false` synchronously (`SyncHook`, `SyncBailHook`),
 * `true` or `"series"` with `callAsync`, one implementation after the other (`AsyncSeriesHook`,
 * `AsyncSeriesBailHook`), `"parallel"` with `callParallel` (`AsyncParallelHook`,
 * `AsyncParallelBailHook`).
 */
export type TapableAsync = boolean | "series" | "parallel";

/** Options of `toTapableHook`: how the tapable view of one hooksmith hook looks and calls. */
export interface TapableHookOptions<
  Names extends readonly string[] = readonly string[],
  Async extends TapableAsync = TapableAsync,
  Waterfall extends boolean = boolean,
> {
  /**
   * The names of tapable's positional arguments, in order: `call(a, b)` becomes the hooksmith call
   * `{ [args[0]]: a, [args[1]]: b }`. Defaults to the spec's argument names when the spec has them
   * and none of them has a default value.
   */
  readonly args?: Names | undefined;
  /** Whether the view is asynchronous, and how it runs the implementations (default `false`). */
  readonly async?: Async | undefined;
  /**
   * Thread the first argument through the implementations (`SyncWaterfallHook`,
   * `AsyncSeriesWaterfallHook`): each receives the value the previous one returned.
   */
  readonly waterfall?: Waterfall | undefined;
  /** The tapable hook's `name` (default: the hooksmith hook name). */
  readonly name?: string | undefined;
  /**
   * Extra tap option keys to accept and keep on the tap (for interceptors that read them, as
   * tapable's `AdditionalOptions`); any other unknown key makes `tap` throw.
   */
  readonly tapOptions?: readonly string[] | undefined;
}

/**
 * The positional argument tuple of hook `F` for the argument names `Names`. When the names are not
 * spelled out (no `args` option), a hook with one argument (or none) still gets its tuple; with
 * several the order is unknown at compile time and the tuple is `unknown[]`: pass `args` to type it
 * (tapable's `callAsync` and `tapAsync` need a fixed-length tuple).
 */
export type TapableArgs<F, Names extends readonly string[]> = number extends Names["length"]
  ? SingleArgument<HookArgs<F>>
  : { -readonly [Index in keyof Names]: Names[Index] extends keyof HookArgs<F> ? HookArgs<F>[Names[Index]] : undefined };

/** The argument tuple of an arguments object with at most one key, `unknown[]` otherwise. */
export type SingleArgument<Args> = Args extends EmptyArgs
  ? []
  : string extends keyof Args
    ? unknown[]
    : [keyof Args] extends [never]
      ? []
      : IsUnion<keyof Args> extends true
        ? unknown[]
        : [Args[keyof Args]];

type IsUnion<T, All = T> = T extends unknown ? ([All] extends [T] ? false : true) : never;

/** What one implementation of hook `F` resolves to, minus "no result". */
export type TapableResult<F> = Exclude<Awaited<HookReturn<F>>, undefined | void>;

/**
 * The tapable class a view of hook `F` is: waterfall classes for `waterfall: true`, bail classes
 * for a `FirstResult` hook, the plain classes otherwise; `Async` picks sync, series or parallel.
 */
export type TapableHookFor<
  F,
  Names extends readonly string[],
  Async extends TapableAsync,
  Waterfall extends boolean,
> = Waterfall extends true
  ? Async extends false
    ? SyncWaterfallHook<TapableArgs<F, Names>>
    : AsyncSeriesWaterfallHook<TapableArgs<F, Names>>
  : F extends FirstResultHook
    ? Async extends false
      ? SyncBailHook<TapableArgs<F, Names>, TapableResult<F> | undefined>
      : Async extends "parallel"
        ? AsyncParallelBailHook<TapableArgs<F, Names>, TapableResult<F> | undefined>
        : AsyncSeriesBailHook<TapableArgs<F, Names>, TapableResult<F> | undefined>
    : Async extends false
      ? SyncHook<TapableArgs<F, Names>>
      : Async extends "parallel"
        ? AsyncParallelHook<TapableArgs<F, Names>>
        : AsyncSeriesHook<TapableArgs<F, Names>>;

/** The `args` of a view's options, or `readonly string[]` (order unknown) when absent. */
export type TapableArgsOption<Options> = Options extends { readonly args: infer Names extends readonly string[] }
  ? Names
  : readonly string[];

/** The `async` of a view's options, or `false` when absent. */
export type TapableAsyncOption<Options> = Options extends { readonly async: infer Async extends TapableAsync } ? Async : false;

/** The `waterfall` of a view's options, or `false` when absent. */
export type TapableWaterfallOption<Options> = Options extends { readonly waterfall: infer Waterfall extends boolean }
  ? Waterfall
  : false;

/** One tap as tapable records it, and as the bridge shows it in a view's `taps`. */
export interface TapableTap {
  /** The tap name (for a tap made through a view: the hooksmith plugin name). */
  readonly name: string;
  /** How the tap was made: `tap`, `tapAsync` or `tapPromise`. */
  readonly type: "sync" | "async" | "promise";
  /** The tapped function. */
  readonly fn: Function;
  /** The tapable stage (lower runs earlier); see `docs/coming-from-tapable.md` for its mapping. */
  readonly stage?: number | undefined;
  /** The taps this one asked to run before. */
  readonly before?: string | readonly string[] | undefined;
}

/**
 * The structural shape of a tapable hook, of any tapable copy (webpack bundles its own). Every
 * tapable hook class has it; `tapHooksmith` checks the kind at run time, from the hook's class.
 */
export interface TapableHookLike {
  /** The hook's taps, in call order. */
  readonly taps: readonly TapableTap[];
  /** The hook's name, if it was given one. */
  readonly name?: string | undefined;
  /** Whether the hook has taps or interceptors. */
  isUsed(): boolean;
}

/**
 * The positional arguments a tapable hook passes its taps, read from its type
 * (`AsyncSeriesHook<[Assets]>` gives `[Assets]`); `unknown[]` for a hook typed only as
 * {@link TapableHookLike}. `tapHooksmith`'s `mapArgs` receives them.
 */
export type TapableHookArgs<Hook> = Hook extends {
  /** Every tapable hook has it, typed with the hook's positional arguments. */
  promise(...args: infer Args): unknown;
}
  ? Args
  : unknown[];
