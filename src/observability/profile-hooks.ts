// profileHooks: records a manager's hook calls through a hook observer until stopped, and hands
// over the report. Portable: nothing here needs more than `performance.now()`.

import { observeHooks } from "../core/observe.ts";
import { callEnvironmentOf } from "../core/plugin-manager.ts";
import { describeValue } from "../core/describe.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import type { HookNames, UntypedSpecs } from "../core/types.ts";
import { HookProfile } from "./hook-profile.ts";
import { Recording, type StageProgressLike } from "./recording.ts";

/**
 * Options of {@link profileHooks}.
 *
 * @typeParam Specs - The manager's spec map.
 * @example
 * ```ts
 * import type { ProfileHooksOptions } from "hooksmith";
 *
 * const options: ProfileHooksOptions = { hooks: ["nebari_stage"], maxEvents: 100_000 };
 * ```
 */
export interface ProfileHooksOptions<Specs = UntypedSpecs> {
  /** Record only the calls of these hooks (with their implementations); default every hook. */
  readonly hooks?: readonly HookNames<Specs>[];
  /**
   * At most this many hook calls, implementation steps and stage steps are kept (each takes
   * about 100 bytes); calls made after that are counted as left out. Default 1,000,000;
   * `Infinity` for no limit.
   */
  readonly maxEvents?: number;
}

/** The default of {@link ProfileHooksOptions.maxEvents}. */
const DEFAULT_MAX_EVENTS = 1_000_000;

/**
 * A running profile of a manager's hook calls: create it with {@link profileHooks}, run the
 * code, and `stop()` it for the {@link HookProfile}. It is a hook observer
 * (`observeHooks`), so it sees every hook call and each implementation and wrapper step
 * in it, with the nesting of calls made from inside implementations. Stage flows have no hook
 * of their own: pass `profiler.onStageProgress` as (or from) their `onProgress` option to put
 * their stage steps in the same profile.
 *
 * @example
 * ```ts
 * import { deployStages, profileHooks } from "hooksmith";
 *
 * using profiler = profileHooks(pm);
 * const stages = await collectTheStages(pm);
 * await deployStages(stages, { config, outputDirectory, onProgress: profiler.onStageProgress });
 * console.log(profiler.stop().toTable({ top: 10 }));
 * ```
 */
export class HookProfiler {
  readonly #recording: Recording;
  #removeObserver: (() => void) | undefined;
  #report: HookProfile | undefined;

  /**
   * Starts profiling `pm`; {@link profileHooks} is the usual way to call this.
   *
   * @param pm - The manager.
   * @param options - `hooks`, `maxEvents`.
   * @throws {TypeError} When `pm` is not a plugin manager or an option is invalid.
   */
  constructor(pm: PluginManager<object>, options: ProfileHooksOptions = {}) {
    if (callEnvironmentOf(pm) === undefined) {
      throw new TypeError(`profileHooks needs a PluginManager, got ${describeValue(pm)}`);
    }
    const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    if (typeof maxEvents !== "number" || !(maxEvents === Infinity || (Number.isInteger(maxEvents) && maxEvents > 0))) {
      throw new TypeError(`profileHooks: maxEvents must be a positive whole number or Infinity, got ${describeValue(maxEvents)}`);
    }
    const hooks = options.hooks;
    if (hooks !== undefined && !(Array.isArray(hooks) && hooks.every((hook) => typeof hook === "string"))) {
      throw new TypeError(`profileHooks: hooks must be an array of hook names, got ${describeValue(hooks)}`);
    }
    this.#recording = new Recording({ hooks: hooks === undefined ? undefined : new Set<string>(hooks), maxEvents });
    this.#removeObserver = observeHooks(pm, this.#recording.observer);
  }

  /** Whether it is still recording. */
  get active(): boolean {
    return this.#removeObserver !== undefined;
  }

  /**
   * Records a stage flow's progress: pass it as the `onProgress` option of `deployStages`,
   * `destroyStages` or `renderStages` (or call it from yours) to get one step per stage and
   * phase in the profile. Events after `stop()` are ignored.
   */
  readonly onStageProgress: (event: StageProgressLike) => void = (event) => this.#recording.stageProgress(event);

  /**
   * Stops recording and returns the report. Calls and steps still running are timed until now
   * and marked unfinished. Idempotent: later calls return the same report.
   *
   * @returns The report.
   * @example
   * ```ts
   * import { profileHooks } from "hooksmith";
   *
   * const profiler = profileHooks(pm);
   * pm.hook.build({ target: "web" });
   * const report = profiler.stop();
   * console.log(report.toTable());
   * ```
   */
  stop(): HookProfile {
    if (this.#report !== undefined) return this.#report;
    this.#removeObserver?.();
    this.#removeObserver = undefined;
    this.#report = new HookProfile(this.#recording.stop());
    return this.#report;
  }

  /** Stops recording (the report stays available from `stop()`), so `using` can end a profile. */
  [Symbol.dispose](): void {
    this.stop();
  }
}

/**
 * Profiles a manager's hook calls until `stop()`: which hooks and plugins take the time, how
 * often, with what spread, and which failed. The report (`HookProfile`) prints as an aligned
 * table (`toTable`), as JSON (`toJSON`), and as Chrome Trace Event JSON (`toChromeTrace`) that
 * Perfetto and chrome://tracing open. Timings use `performance.now()`; it runs wherever the core
 * runs (Node, Deno, Bun, browsers, workerd).
 *
 * Profiling is a hook observer: while it runs, calls leave the compiled fast path and each
 * implementation step costs a few hundred nanoseconds more (docs/benchmarks.md); stopping it
 * restores the fast path.
 *
 * @typeParam Specs - The manager's spec map.
 * @param pm - The manager to profile.
 * @param options - `hooks` to profile only some hooks; `maxEvents` to bound the memory.
 * @returns The running profiler.
 * @throws {TypeError} When `pm` is not a plugin manager or an option is invalid.
 * @example
 * ```ts
 * import { profileHooks } from "hooksmith";
 *
 * const profiler = profileHooks(pm);
 * await pm.hook.build.callAsync({ target: "web" });
 * const report = profiler.stop();
 * process.stdout.write(report.toTable({ top: 10 }));
 * ```
 */
export function profileHooks<Specs extends object>(pm: PluginManager<Specs>, options?: ProfileHooksOptions<Specs>): HookProfiler {
  return new HookProfiler(pm as unknown as PluginManager<object>, options as ProfileHooksOptions | undefined);
}
