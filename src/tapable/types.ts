// The public type vocabulary of `hooksmith/tapable`: view options, the tapable class a view gets,
// and the structural shape of a tapable hook that the bridge taps.
//
// The types of tapable's hook classes are written out here rather than imported from "tapable":
// tapable is an optional peer, and a declaration file importing a package that is not installed
// fails to compile for every user without `skipLibCheck`. They follow tapable's own declarations
// member for member, so a view is assignable to tapable's class types and back (test/tapable
// checks both directions against the tapable that is installed here).

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
    ? TapableSyncWaterfallHook<TapableArgs<F, Names>>
    : TapableAsyncSeriesWaterfallHook<TapableArgs<F, Names>>
  : F extends FirstResultHook
    ? Async extends false
      ? TapableSyncBailHook<TapableArgs<F, Names>, TapableResult<F> | undefined>
      : Async extends "parallel"
        ? TapableAsyncParallelBailHook<TapableArgs<F, Names>, TapableResult<F> | undefined>
        : TapableAsyncSeriesBailHook<TapableArgs<F, Names>, TapableResult<F> | undefined>
    : Async extends false
      ? TapableSyncHook<TapableArgs<F, Names>>
      : Async extends "parallel"
        ? TapableAsyncParallelHook<TapableArgs<F, Names>>
        : TapableAsyncSeriesHook<TapableArgs<F, Names>>;

/** What `tap`, `tapAsync` and `tapPromise` take besides the function: a name, or options (tapable's `Tap`). */
export interface TapableTapOptions {
  /** The tap name. */
  name: string;
  /** The tapable stage (lower runs earlier). */
  stage?: number;
  /** The tap this one runs before. */
  before?: string;
}

/** A tap as a tapable hook object records it in `taps` (tapable's `FullTap`). */
export interface TapableFullTap extends TapableTapOptions {
  /** How the tap was made: `tap`, `tapAsync` or `tapPromise`. */
  type: "sync" | "async" | "promise";
  /** The tapped function. */
  fn: Function;
}

/** An interceptor of a tapable hook with argument tuple `Args` and result `Result` (tapable's `HookInterceptor`). */
export interface TapableInterceptor<Args extends unknown[], Result> {
  /** The interceptor's name. */
  name?: string;
  /** Called when a tap is about to run. */
  tap?: (tap: TapableFullTap) => void;
  /** Called when the hook is called, with its arguments. */
  call?: (...args: Args) => void;
  /** Called at each round of a loop hook. */
  loop?: (...args: Args) => void;
  /** Called when a tap throws or rejects. */
  error?: (err: Error) => void;
  /** Called with the call's result. */
  result?: (result: Result) => void;
  /** Called when the call is done without a result. */
  done?: () => void;
  /** Called for each tap, existing and new, and may replace it. */
  register?: (tap: TapableFullTap) => TapableFullTap;
}

/** The members every tapable hook object has (tapable's `Hook`), for argument tuple `Args` and result `Result`. */
export interface TapableHookBase<Args extends unknown[], Result> {
  /** The hook's name, if it was given one. */
  name: string | undefined;
  /** The hook's interceptors. */
  interceptors: TapableInterceptor<Args, Result>[];
  /** The hook's taps, in call order. */
  taps: TapableFullTap[];
  /** Adds an interceptor. */
  intercept(interceptor: TapableInterceptor<Args, Result>): void;
  /** Whether the hook has taps or interceptors. */
  isUsed(): boolean;
  /** Calls the hook and passes the outcome to a node-style callback. */
  callAsync(...args: [...args: Args, callback: (error: Error | null, result?: Result) => void]): void;
  /** Calls the hook and returns a promise of its result. */
  promise(...args: Args): Promise<Result>;
  /** Taps a synchronous function. */
  tap(options: string | TapableTapOptions, fn: (...args: Args) => Result): void;
  /** A view of the hook whose taps get these options by default. */
  withOptions(options: Partial<TapableTapOptions>): Omit<this, "call" | "callAsync" | "promise">;
}

/** A synchronous tapable hook (tapable's `SyncHook` and its subclasses). */
export interface TapableSyncHook<Args extends unknown[], Result = void> extends TapableHookBase<Args, Result> {
  /** Calls the hook synchronously. */
  call(...args: Args): Result;
}

/** A `SyncBailHook`: the first tap that returns something ends the call. */
export type TapableSyncBailHook<Args extends unknown[], Result> = TapableSyncHook<Args, Result>;

/** A `SyncWaterfallHook`: each tap receives the previous tap's result as its first argument. */
export type TapableSyncWaterfallHook<Args extends unknown[], Result = Args[0]> = TapableSyncHook<Args, Result>;

/** An asynchronous tapable hook (tapable's `AsyncHook`): it also takes callback and promise taps. */
export interface TapableAsyncHook<Args extends unknown[], Result> extends TapableHookBase<Args, Result> {
  /** Taps a function that ends by calling a node-style callback. */
  tapAsync(
    options: string | TapableTapOptions,
    fn: (...args: [...args: Args, callback: (error?: Error | null | false, result?: Result) => void]) => void,
  ): void;
  /** Taps a function that returns a promise. */
  tapPromise(options: string | TapableTapOptions, fn: (...args: Args) => Promise<Result>): void;
}

/** An `AsyncSeriesHook`: taps run one after the other. */
export type TapableAsyncSeriesHook<Args extends unknown[]> = TapableAsyncHook<Args, void>;

/** An `AsyncSeriesBailHook`: taps run one after the other until one returns something. */
export type TapableAsyncSeriesBailHook<Args extends unknown[], Result> = TapableAsyncHook<Args, Result>;

/** An `AsyncSeriesWaterfallHook`: each tap receives the previous tap's result. */
export type TapableAsyncSeriesWaterfallHook<Args extends unknown[], Result = Args[0]> = TapableAsyncHook<Args, Result>;

/** An `AsyncParallelHook`: taps start together. */
export type TapableAsyncParallelHook<Args extends unknown[]> = TapableAsyncHook<Args, void>;

/** An `AsyncParallelBailHook`: taps start together; the first result in tap order wins. */
export type TapableAsyncParallelBailHook<Args extends unknown[], Result> = TapableAsyncHook<Args, Result>;

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
