// The kinds of tapable hooks and what each expects from a tap: how it is called (sync, series,
// parallel) and what its result means (nothing, a bail value, a loop request, the waterfall value).

/** How a tapable hook runs its taps. */
export type KindTiming = "sync" | "series" | "parallel";

/** What a tapable hook does with a tap's result. */
export type KindResult = "none" | "bail" | "loop" | "waterfall";

/** One kind of tapable hook. */
export interface HookKind {
  /** The tapable class name, e.g. `SyncBailHook`. */
  readonly className: string;
  /** How it runs its taps. */
  readonly timing: KindTiming;
  /** What a tap's result means to it. */
  readonly result: KindResult;
}

const kinds: ReadonlyMap<string, HookKind> = new Map(
  (
    [
      ["SyncHook", "sync", "none"],
      ["SyncBailHook", "sync", "bail"],
      ["SyncLoopHook", "sync", "loop"],
      ["SyncWaterfallHook", "sync", "waterfall"],
      ["AsyncSeriesHook", "series", "none"],
      ["AsyncSeriesBailHook", "series", "bail"],
      ["AsyncSeriesLoopHook", "series", "loop"],
      ["AsyncSeriesWaterfallHook", "series", "waterfall"],
      ["AsyncParallelHook", "parallel", "none"],
      ["AsyncParallelBailHook", "parallel", "bail"],
    ] as const
  ).map(([className, timing, result]) => [className, { className, timing, result }]),
);

/**
 * The kind of a tapable hook. tapable's classes are factories that set `hook.constructor` to
 * themselves; their names identify the kind across tapable copies (webpack bundles its own), where
 * comparing with this package's imports would fail.
 */
export function kindOf(hook: object): HookKind | undefined {
  const constructor = (hook as { constructor?: unknown }).constructor;
  if (typeof constructor !== "function") return undefined;
  return kinds.get(constructor.name);
}

/** The kind a view of a hook gets, from its options and whether the hook is `firstresult`. */
export function viewKind(timing: KindTiming, waterfall: boolean, firstresult: boolean): HookKind {
  const result: KindResult = waterfall ? "waterfall" : firstresult ? "bail" : "none";
  const prefix = timing === "sync" ? "Sync" : timing === "series" ? "AsyncSeries" : "AsyncParallel";
  const suffix = result === "waterfall" ? "WaterfallHook" : result === "bail" ? "BailHook" : "Hook";
  return kinds.get(`${prefix}${suffix}`)!;
}
