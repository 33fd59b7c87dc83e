// The rows of a profile report, computed once from a recording. The definitions (total, self,
// errors) are documented on ProfileStats and in docs/observability.md; this file implements them.

import type { CallRecord, RecordedProfile, StepRecord } from "./recording.ts";

/**
 * The figures of one row of a profile report. Times are milliseconds.
 *
 * - `totalMs`: the wall-clock time of every call of the row, nested hook calls included. For a
 *   wrapper, one call runs from the start of its setup to the end of its teardown, so it includes
 *   the implementations it wraps.
 * - `selfMs`: the time spent in the row's own code: `totalMs` less the time covered by hook calls
 *   made from inside it; for a wrapper, only its setup and teardown count (not what it wraps);
 *   for a hook, everything inside its calls counts (its implementations and the call loop) except
 *   the hook calls made from inside them. So the self times of the hook rows add up to the time
 *   spent in hook calls, and those of the implementation rows to the time spent in plugin code.
 * - `meanMs` and `p95Ms`: the mean and the 95th percentile (nearest rank) of the total time of
 *   one call.
 * - `errors`: calls that failed with an error raised there. A hook row counts its failed calls;
 *   an implementation row counts the failures it raised, not those that only passed through it
 *   (an error thrown into a wrapper's teardown, or rethrown from a hook call it made).
 * - `failed`: calls that failed, whoever raised the error.
 * - `unfinished`: calls still running when the profiler stopped (timed until then).
 *
 * @example
 * ```ts
 * import type { ProfileStats } from "hooksmith";
 *
 * const share = (row: ProfileStats, of: number) => `${((100 * row.selfMs) / of).toFixed(1)}%`;
 * ```
 */
export interface ProfileStats {
  /** How many times it ran (for a wrapper: how many times it was entered). */
  readonly calls: number;
  /** Total wall-clock time, ms, nested calls included. */
  readonly totalMs: number;
  /** Time in its own code, ms: nested hook calls (and for a wrapper, what it wraps) excluded. */
  readonly selfMs: number;
  /** Mean total time of one call, ms. */
  readonly meanMs: number;
  /** 95th percentile (nearest rank) of the total time of one call, ms. */
  readonly p95Ms: number;
  /** Failures raised here. */
  readonly errors: number;
  /** Failures, including those that passed through. */
  readonly failed: number;
  /** Calls still running when the profiler stopped. */
  readonly unfinished: number;
}

/**
 * A row of a profile report per hook.
 *
 * @example
 * ```ts
 * import type { HookProfileRow } from "hooksmith";
 *
 * const line = (row: HookProfileRow) => `${row.hook}: ${row.calls} calls, ${row.selfMs.toFixed(2)} ms`;
 * ```
 */
export interface HookProfileRow extends ProfileStats {
  /** The hook name. */
  readonly hook: string;
}

/**
 * A row of a profile report per plugin: all its implementations, of every hook.
 *
 * @example
 * ```ts
 * import type { PluginProfileRow } from "hooksmith";
 *
 * const line = (row: PluginProfileRow) => `${row.plugin}: ${row.selfMs.toFixed(2)} ms`;
 * ```
 */
export interface PluginProfileRow extends ProfileStats {
  /** The plugin name (`"<temp>"` for `callExtra` functions). */
  readonly plugin: string;
}

/**
 * A row of a profile report per implementation: one plugin's implementation of one hook.
 *
 * @example
 * ```ts
 * import type { ImplementationProfileRow } from "hooksmith";
 *
 * const line = (row: ImplementationProfileRow) => `${row.plugin} on ${row.hook}${row.wrapper ? " (wrapper)" : ""}`;
 * ```
 */
export interface ImplementationProfileRow extends ProfileStats {
  /** The hook name. */
  readonly hook: string;
  /** The plugin name. */
  readonly plugin: string;
  /** Whether it is a wrapper. */
  readonly wrapper: boolean;
}

/**
 * A row of a profile report per stage step, from the flows' progress events.
 *
 * @example
 * ```ts
 * import type { StageProfileRow } from "hooksmith";
 *
 * const line = (row: StageProfileRow) => `${row.flow} ${row.stage} ${row.phase}: ${row.totalMs.toFixed(1)} ms`;
 * ```
 */
export interface StageProfileRow extends ProfileStats {
  /** The flow. */
  readonly flow: string;
  /** The stage name. */
  readonly stage: string;
  /** The step of the stage. */
  readonly phase: string;
}

/** Every row of a report. */
export interface ProfileRows {
  /** One row per hook. */
  readonly hooks: readonly HookProfileRow[];
  /** One row per plugin. */
  readonly plugins: readonly PluginProfileRow[];
  /** One row per implementation (plugin and hook). */
  readonly implementations: readonly ImplementationProfileRow[];
  /** One row per stage step (flow, stage and phase). */
  readonly stages: readonly StageProfileRow[];
}

/** Accumulates the calls of one row. */
class Accumulator {
  calls = 0;
  totalMs = 0;
  selfMs = 0;
  errors = 0;
  failed = 0;
  unfinished = 0;
  readonly durations: number[] = [];

  add(duration: number, self: number, failed: boolean, raised: boolean, unfinished: boolean): void {
    this.calls++;
    this.totalMs += duration;
    this.selfMs += self;
    this.durations.push(duration);
    if (failed) this.failed++;
    if (raised) this.errors++;
    if (unfinished) this.unfinished++;
  }

  /** Adds self time of a step that is not a call of its own (a wrapper's teardown). */
  addSelf(self: number, failed: boolean, raised: boolean): void {
    this.selfMs += self;
    if (failed) this.failed++;
    if (raised) this.errors++;
  }

  stats(): ProfileStats {
    return {
      calls: this.calls,
      totalMs: this.totalMs,
      selfMs: this.selfMs,
      meanMs: this.calls === 0 ? 0 : this.totalMs / this.calls,
      p95Ms: percentile(this.durations, 0.95),
      errors: this.errors,
      failed: this.failed,
      unfinished: this.unfinished,
    };
  }
}

/**
 * Computes every row of a report.
 *
 * @param profile - The recording.
 * @returns The rows, each list sorted by self time (largest first), then by name.
 */
export function computeRows(profile: RecordedProfile): ProfileRows {
  const stepsByCall = groupBy(profile.steps, (step) => step.call);
  const callsByStep = groupBy(profile.calls, (call) => call.parentStep);
  const hooks = new Map<string, Accumulator>();
  const plugins = new Map<string, Accumulator>();
  const implementations = new Map<string, { hook: string; plugin: string; wrapper: boolean; rows: Accumulator }>();

  for (const call of profile.calls) {
    const steps = stepsByCall.get(call.id) ?? [];
    const nested: CallRecord[] = [];
    for (const step of steps) nested.push(...(callsByStep.get(step.id) ?? []));
    const duration = call.end - call.start;
    accumulator(hooks, call.hookName).add(
      duration,
      duration - covered(nested, call.start, call.end),
      call.failed,
      call.failed,
      call.unfinished,
    );
    // Errors seen earlier in this call: a later step failing with one of them passed it on.
    const seen = new Set<unknown>();
    // Wrappers entered and not torn down yet, innermost last.
    const entered: StepRecord[] = [];
    for (const step of steps) {
      const children = callsByStep.get(step.id) ?? [];
      for (const child of children) if (child.failed) seen.add(child.errorValue);
      const self = step.end - step.start - covered(children, step.start, step.end);
      const raised = step.failed && !seen.has(step.errorValue);
      if (step.failed) seen.add(step.errorValue);
      const implementation = implementationOf(implementations, step);
      const plugin = accumulator(plugins, step.pluginName);
      if (step.phase === "call") {
        const took = step.end - step.start;
        implementation.add(took, self, step.failed, raised, step.unfinished);
        plugin.add(took, self, step.failed, raised, step.unfinished);
      } else if (step.phase === "setup") {
        entered.push(step);
        // A setup's own failure ends the wrapper's call: count it now.
        if (step.failed) {
          entered.pop();
          const took = step.end - step.start;
          implementation.add(took, self, true, raised, step.unfinished);
          plugin.add(took, self, true, raised, step.unfinished);
        } else {
          implementation.addSelf(self, false, false);
          plugin.addSelf(self, false, false);
        }
      } else {
        const setup = popSetup(entered, step.pluginName);
        const took = step.end - (setup?.start ?? step.start);
        implementation.add(took, 0, step.failed, false, step.unfinished);
        plugin.add(took, 0, step.failed, false, step.unfinished);
        implementation.addSelf(self, false, raised);
        plugin.addSelf(self, false, raised);
      }
    }
    // Wrappers entered and never torn down (the call failed inside them, or still runs).
    for (const setup of entered) {
      const end = call.unfinished ? call.end : setup.end;
      const implementation = implementationOf(implementations, setup);
      implementation.add(end - setup.start, 0, false, false, call.unfinished);
      accumulator(plugins, setup.pluginName).add(end - setup.start, 0, false, false, call.unfinished);
    }
  }

  // Calls made from no recorded step: what a stage step's own time excludes.
  const stepIds = new Set(profile.steps.map((step) => step.id));
  const roots = profile.calls.filter((call) => call.parentStep === undefined || !stepIds.has(call.parentStep));
  const stages = new Map<string, { flow: string; stage: string; phase: string; rows: Accumulator }>();
  for (const step of profile.stageSteps) {
    const key = `${step.flow}\0${step.stage}\0${step.phase}`;
    let entry = stages.get(key);
    if (entry === undefined) {
      entry = { flow: step.flow, stage: step.stage, phase: step.phase, rows: new Accumulator() };
      stages.set(key, entry);
    }
    const duration = step.end - step.start;
    entry.rows.add(duration, duration - covered(roots, step.start, step.end), step.failed, step.failed, step.unfinished);
  }

  return {
    hooks: sortRows(
      [...hooks].map(([hook, rows]) => ({ hook, ...rows.stats() })),
      (row) => row.hook,
    ),
    plugins: sortRows(
      [...plugins].map(([plugin, rows]) => ({ plugin, ...rows.stats() })),
      (row) => row.plugin,
    ),
    implementations: sortRows(
      [...implementations.values()].map(({ hook, plugin, wrapper, rows }) => ({ hook, plugin, wrapper, ...rows.stats() })),
      (row) => `${row.hook}\0${row.plugin}`,
    ),
    stages: sortRows(
      [...stages.values()].map(({ flow, stage, phase, rows }) => ({ flow, stage, phase, ...rows.stats() })),
      (row) => `${row.flow}\0${row.stage}\0${row.phase}`,
    ),
  };
}

function implementationOf(
  implementations: Map<string, { hook: string; plugin: string; wrapper: boolean; rows: Accumulator }>,
  step: StepRecord,
): Accumulator {
  const key = `${step.hookName}\0${step.pluginName}\0${step.wrapper ? "w" : ""}`;
  let entry = implementations.get(key);
  if (entry === undefined) {
    entry = { hook: step.hookName, plugin: step.pluginName, wrapper: step.wrapper, rows: new Accumulator() };
    implementations.set(key, entry);
  }
  return entry.rows;
}

// Wrappers are torn down innermost first; the teardown of a plugin's wrapper belongs to its most
// recent setup (a wrapper that never yielded has no teardown and is skipped).
function popSetup(entered: StepRecord[], pluginName: string): StepRecord | undefined {
  for (let i = entered.length - 1; i >= 0; i--) {
    if (entered[i]!.pluginName === pluginName) return entered.splice(i, 1)[0];
  }
  return undefined;
}

function accumulator(rows: Map<string, Accumulator>, key: string): Accumulator {
  let row = rows.get(key);
  if (row === undefined) {
    row = new Accumulator();
    rows.set(key, row);
  }
  return row;
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

/**
 * How much of `[from, to]` the intervals cover together (overlaps counted once).
 *
 * @param intervals - Intervals with `start` and `end`.
 * @param from - Start of the window.
 * @param to - End of the window.
 * @returns The covered time.
 */
export function covered(
  intervals: readonly { readonly start: number; readonly end: number }[],
  from: number,
  to: number,
): number {
  if (intervals.length === 0 || to <= from) return 0;
  const clipped: [number, number][] = [];
  for (const interval of intervals) {
    const start = Math.max(from, interval.start);
    const end = Math.min(to, interval.end);
    if (end > start) clipped.push([start, end]);
  }
  clipped.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = from;
  for (const [start, end] of clipped) {
    if (end <= reach) continue;
    total += end - Math.max(start, reach);
    reach = end;
  }
  return total;
}

/**
 * The nearest-rank percentile of some values.
 *
 * @param values - The values (not modified).
 * @param fraction - E.g. `0.95`.
 * @returns The smallest value at or above that fraction of the values; 0 for none.
 */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

function sortRows<Row extends ProfileStats>(rows: Row[], nameOf: (row: Row) => string): Row[] {
  return rows.sort((a, b) => b.selfMs - a.selfMs || compareText(nameOf(a), nameOf(b)));
}

/**
 * Orders text by code units, the same everywhere (no locale).
 *
 * @param a - One text.
 * @param b - The other.
 * @returns Negative, zero or positive.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
