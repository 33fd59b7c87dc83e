// The report of a profiler: the recording, its rows, and the table, JSON and trace renderings.

import { toChromeTrace, type ChromeTrace, type ChromeTraceOptions } from "./chrome-trace.ts";
import { formatDuration, formatTable, type Column } from "./format-table.ts";
import type { ProfiledHookCall, ProfiledImplStep, ProfiledStageStep, RecordedProfile } from "./recording.ts";
import {
  computeRows,
  type HookProfileRow,
  type ImplementationProfileRow,
  type PluginProfileRow,
  type ProfileRows,
  type ProfileStats,
  type StageProfileRow,
} from "./statistics.ts";

/**
 * What a profile table shows one row per: `implementation` (one plugin's implementation of one
 * hook), `hook`, `plugin`, or `stage` (one step of a stage flow).
 *
 * @example
 * ```ts
 * import type { ProfileTableView } from "hooksmith";
 *
 * const view: ProfileTableView = "plugin";
 * ```
 */
export type ProfileTableView = "implementation" | "hook" | "plugin" | "stage";

/**
 * What a profile table is sorted by, largest first.
 *
 * @example
 * ```ts
 * import type { ProfileSortKey } from "hooksmith";
 *
 * const key: ProfileSortKey = "p95";
 * ```
 */
export type ProfileSortKey = "self" | "total" | "calls" | "mean" | "p95" | "errors";

/**
 * Options of {@link HookProfile.toTable}.
 *
 * @example
 * ```ts
 * import type { ProfileTableOptions } from "hooksmith";
 *
 * const options: ProfileTableOptions = { by: "plugin", top: 5, sortBy: "total" };
 * ```
 */
export interface ProfileTableOptions {
  /** One row per implementation (default), hook, plugin or stage step. */
  readonly by?: ProfileTableView;
  /** Show only the first rows; default all. */
  readonly top?: number;
  /** The sort, largest first; default `self`. */
  readonly sortBy?: ProfileSortKey;
  /** Print the summary line above the table; default `true`. */
  readonly summary?: boolean;
}

/**
 * A profile report as plain data: what {@link HookProfile.toJSON} returns.
 *
 * @example
 * ```ts
 * import type { HookProfileJSON } from "hooksmith";
 *
 * const slowest = (profile: HookProfileJSON) => profile.implementations[0];
 * ```
 */
export interface HookProfileJSON extends ProfileRows {
  /** Identifies the format. */
  readonly format: "hooksmith-profile";
  /** The version of the format. */
  readonly version: 1;
  /** How long the profiler recorded, ms. */
  readonly durationMs: number;
  /** How many hook calls were recorded. */
  readonly hookCalls: number;
  /** How many implementation steps were recorded. */
  readonly implementationSteps: number;
  /** How many stage steps were recorded. */
  readonly stageSteps: number;
  /** Hook calls left out because the recording reached `maxEvents`. */
  readonly droppedHookCalls: number;
  /** Stage steps left out because the recording reached `maxEvents`. */
  readonly droppedStageSteps: number;
}

const sortKeys: Record<ProfileSortKey, (row: ProfileStats) => number> = {
  self: (row) => row.selfMs,
  total: (row) => row.totalMs,
  calls: (row) => row.calls,
  mean: (row) => row.meanMs,
  p95: (row) => row.p95Ms,
  errors: (row) => row.errors,
};

const sortLabels: Record<ProfileSortKey, string> = {
  self: "self time",
  total: "total time",
  calls: "calls",
  mean: "mean time",
  p95: "95th percentile",
  errors: "errors",
};

/**
 * The report of a `HookProfiler`: every recorded hook call, implementation step and stage
 * step, and per hook, per plugin, per implementation and per stage step their calls, total and
 * self time, mean, 95th percentile and errors (definitions on {@link ProfileStats}). Print it as
 * a table, keep it as JSON, or open it as a trace in Perfetto.
 *
 * @example
 * ```ts
 * import { profileHooks } from "hooksmith";
 * import { writeFile } from "node:fs/promises";
 *
 * const profiler = profileHooks(pm);
 * await pm.hook.build.callAsync({ target: "web" });
 * const report = profiler.stop();
 * console.log(report.toTable({ top: 10 }));
 * await writeFile("profile.json", JSON.stringify(report.toChromeTrace()));
 * ```
 */
export class HookProfile {
  readonly #profile: RecordedProfile;
  #rows: ProfileRows | undefined;

  /**
   * @param profile - The recording (made by a `HookProfiler`).
   * @internal
   */
  constructor(profile: RecordedProfile) {
    this.#profile = profile;
  }

  /** When the profiler started (`performance.now()`, ms). */
  get start(): number {
    return this.#profile.start;
  }

  /** When it stopped (`performance.now()`, ms). */
  get end(): number {
    return this.#profile.end;
  }

  /** How long it recorded, ms. */
  get durationMs(): number {
    return this.#profile.end - this.#profile.start;
  }

  /** Every recorded hook call, in start order. */
  get calls(): readonly ProfiledHookCall[] {
    return this.#profile.calls;
  }

  /** Every recorded implementation step, in start order. */
  get steps(): readonly ProfiledImplStep[] {
    return this.#profile.steps;
  }

  /** Every recorded stage step, in start order. */
  get stageSteps(): readonly ProfiledStageStep[] {
    return this.#profile.stageSteps;
  }

  /** Hook calls left out (with their steps) because the recording reached `maxEvents`. */
  get droppedHookCalls(): number {
    return this.#profile.droppedCalls;
  }

  /** Stage steps left out because the recording reached `maxEvents`. */
  get droppedStageSteps(): number {
    return this.#profile.droppedStageSteps;
  }

  /** One row per hook, by self time. */
  get hooks(): readonly HookProfileRow[] {
    return this.#computed().hooks;
  }

  /** One row per plugin (all its implementations), by self time. */
  get plugins(): readonly PluginProfileRow[] {
    return this.#computed().plugins;
  }

  /** One row per implementation (plugin and hook), by self time. */
  get implementations(): readonly ImplementationProfileRow[] {
    return this.#computed().implementations;
  }

  /** One row per stage step (flow, stage and phase), by self time. */
  get stages(): readonly StageProfileRow[] {
    return this.#computed().stages;
  }

  /**
   * Renders the report as an aligned text table, with a summary line above it.
   *
   * @param options - `by` (`implementation`, `hook`, `plugin` or `stage`), `top`, `sortBy`,
   *   `summary`.
   * @returns The lines, each ending with a newline.
   * @throws {TypeError} When an option is not one of the documented values.
   * @example
   * ```ts
   * import { profileHooks } from "hooksmith";
   *
   * const profiler = profileHooks(pm);
   * pm.hook.build({ target: "web" });
   * process.stdout.write(profiler.stop().toTable({ by: "plugin", top: 5 }));
   * ```
   */
  toTable(options: ProfileTableOptions = {}): string {
    const by = options.by ?? "implementation";
    const sortBy = options.sortBy ?? "self";
    const top = options.top;
    if (!["implementation", "hook", "plugin", "stage"].includes(by)) {
      throw new TypeError(`toTable: "by" must be "implementation", "hook", "plugin" or "stage", got ${JSON.stringify(by)}`);
    }
    if (!Object.hasOwn(sortKeys, sortBy)) {
      throw new TypeError(`toTable: "sortBy" must be one of ${Object.keys(sortKeys).join(", ")}, got ${JSON.stringify(sortBy)}`);
    }
    if (top !== undefined && !(Number.isInteger(top) && top >= 0)) {
      throw new TypeError(`toTable: "top" must be a whole number of rows, got ${JSON.stringify(top)}`);
    }
    const lines = options.summary === false ? "" : `${this.#summary()}\n`;
    switch (by) {
      case "implementation":
        return (
          lines +
          this.#section(this.implementations, sortBy, top, "implementations", [
            text("hook", (row) => row.hook),
            text("plugin", (row) => (row.wrapper ? `${row.plugin} (wrapper)` : row.plugin)),
          ])
        );
      case "hook":
        return lines + this.#section(this.hooks, sortBy, top, "hooks", [text("hook", (row) => row.hook)]);
      case "plugin":
        return lines + this.#section(this.plugins, sortBy, top, "plugins", [text("plugin", (row) => row.plugin)]);
      case "stage":
        return (
          lines +
          this.#section(this.stages, sortBy, top, "stage steps", [
            text("flow", (row) => row.flow),
            text("stage", (row) => row.stage),
            text("phase", (row) => row.phase),
          ])
        );
    }
  }

  /**
   * The report as plain data (rows and counts, not the individual calls), for
   * `JSON.stringify(report)` or a comparison between runs.
   *
   * @returns The data.
   * @example
   * ```ts
   * import { profileHooks } from "hooksmith";
   * import { writeFile } from "node:fs/promises";
   *
   * const profiler = profileHooks(pm);
   * pm.hook.build({ target: "web" });
   * await writeFile("profile-summary.json", JSON.stringify(profiler.stop(), null, 2));
   * ```
   */
  toJSON(): HookProfileJSON {
    const rows = this.#computed();
    return {
      format: "hooksmith-profile",
      version: 1,
      durationMs: this.durationMs,
      hookCalls: this.calls.length,
      implementationSteps: this.steps.length,
      stageSteps: this.stageSteps.length,
      droppedHookCalls: this.droppedHookCalls,
      droppedStageSteps: this.droppedStageSteps,
      hooks: rows.hooks,
      plugins: rows.plugins,
      implementations: rows.implementations,
      stages: rows.stages,
    };
  }

  /**
   * The recording as Chrome Trace Event JSON: every hook call and implementation step as a
   * slice, nested (synchronous calls as complete events on one thread, asynchronous ones as
   * nestable async events), stage steps beside them, with the hook, plugin, kind, phase and error
   * as arguments. Write `JSON.stringify(trace)` to a file and open it in Perfetto
   * (ui.perfetto.dev) or chrome://tracing, or draw it with `renderFlameChart`.
   *
   * @param options - `processName` (default `"hooksmith"`) and `pid` (default 1).
   * @returns The trace.
   * @example
   * ```ts
   * import { profileHooks } from "hooksmith";
   * import { writeFile } from "node:fs/promises";
   *
   * const profiler = profileHooks(pm);
   * await pm.hook.build.callAsync({ target: "web" });
   * await writeFile("trace.json", JSON.stringify(profiler.stop().toChromeTrace({ processName: "build" })));
   * ```
   */
  toChromeTrace(options?: ChromeTraceOptions): ChromeTrace {
    return toChromeTrace(this.#profile, options);
  }

  #computed(): ProfileRows {
    return (this.#rows ??= computeRows(this.#profile));
  }

  #summary(): string {
    const failed = this.calls.filter((call) => call.failed).length;
    const running = this.calls.filter((call) => call.unfinished).length;
    const parts = [
      `hooksmith profile: ${formatDuration(this.durationMs)} recorded`,
      count(this.calls.length, "hook call"),
      count(this.steps.length, "implementation step"),
    ];
    if (this.stageSteps.length > 0) parts.push(count(this.stageSteps.length, "stage step"));
    if (failed > 0) parts.push(`${count(failed, "call")} failed`);
    if (running > 0) parts.push(`${count(running, "call")} still running`);
    if (this.droppedHookCalls + this.droppedStageSteps > 0) {
      parts.push(`${this.droppedHookCalls + this.droppedStageSteps} left out (maxEvents reached)`);
    }
    return parts.join(", ");
  }

  #section<Row extends ProfileStats>(
    rows: readonly Row[],
    sortBy: ProfileSortKey,
    top: number | undefined,
    noun: string,
    names: readonly Column<Row>[],
  ): string {
    const key = sortKeys[sortBy];
    const sorted = [...rows].sort((a, b) => key(b) - key(a));
    const shown = top === undefined ? sorted : sorted.slice(0, top);
    if (rows.length === 0) return `no ${noun} recorded\n`;
    const columns: Column<Row>[] = [
      ...names,
      number("calls", (row) => String(row.calls)),
      number("total", (row) => formatDuration(row.totalMs)),
      number("self", (row) => formatDuration(row.selfMs)),
      number("mean", (row) => formatDuration(row.meanMs)),
      number("p95", (row) => formatDuration(row.p95Ms)),
      number("errors", (row) => String(row.errors)),
    ];
    if (rows.some((row) => row.unfinished > 0)) columns.push(number("running", (row) => String(row.unfinished)));
    const table = formatTable(shown, columns);
    const note = shown.length < rows.length ? `(${shown.length} of ${rows.length} ${noun}, by ${sortLabels[sortBy]})\n` : "";
    return table + note;
  }
}

function text<Row>(title: string, cell: (row: Row) => string): Column<Row> {
  return { title, align: "left", cell };
}

function number<Row>(title: string, cell: (row: Row) => string): Column<Row> {
  return { title, align: "right", cell };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
