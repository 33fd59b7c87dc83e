// The results table and the verdict on each target of issues 8 and 18.

import { noCodegenSuffix } from "./cases/index.ts";
import { startupCaseName } from "./cases/startup.ts";
import type { Measurement, SubjectName } from "./harness.ts";

const subjects: readonly SubjectName[] = ["hooksmith", "baseline", "tapable", "hookable", "pluggy"];

/** One target of issues 8 and 18, checked against a run. */
export interface TargetVerdict {
  /** What the target says. */
  readonly target: string;
  /** The measured ratio, or `undefined` when a case it needs was not run. */
  readonly ratio: number | undefined;
  /** Whether the ratio meets the target (`undefined`: not measured). */
  readonly met: boolean | undefined;
}

/** Formats nanoseconds with a unit that keeps 3 significant digits. */
export function formatNs(ns: number): string {
  if (ns < 1e3) return `${ns.toPrecision(3)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toPrecision(3)} ms`;
  return `${(ns / 1e9).toPrecision(3)} s`;
}

function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return "";
  return `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(0)}x`;
}

function lookup(measurements: readonly Measurement[], caseName: string, subject: SubjectName): number | undefined {
  return measurements.find((m) => m.case === caseName && m.subject === subject)?.nsPerOp;
}

function ratioOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

/**
 * The results as a Markdown table: one row per case, time per operation for each subject, then
 * hooksmith's time over the baseline's and over the fastest peer's, and pluggy's time over
 * hooksmith's.
 *
 * @param measurements - The measurements of one run.
 * @returns The table, one line per row.
 */
export function formatTable(measurements: readonly Measurement[]): string {
  const cases = [...new Set(measurements.map((m) => m.case))];
  const header = ["case", ...subjects, "hooksmith / baseline", "hooksmith / tapable", "pluggy / hooksmith"];
  const rows = cases.map((caseName) => {
    const value = (subject: SubjectName): number | undefined => lookup(measurements, caseName, subject);
    const hooksmith = value("hooksmith");
    return [
      caseName,
      ...subjects.map((subject) => {
        const ns = value(subject);
        if (ns === undefined) return "";
        // The memory cases report bytes in the same field.
        return caseName.endsWith(", bytes") ? `${Math.round(ns).toLocaleString("en-US")} B` : formatNs(ns);
      }),
      formatRatio(ratioOf(hooksmith, value("baseline"))),
      formatRatio(ratioOf(hooksmith, value("tapable"))),
      formatRatio(ratioOf(value("pluggy"), hooksmith)),
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  const rule = `|${widths.map((width, column) => (column === 0 ? `:${"-".repeat(width + 1)}` : `${"-".repeat(width + 1)}:`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

// The cases measured without code generation, and what each is held against.
const noCodegenTargets: ReadonlyArray<readonly [caseName: string, baseline: string]> = [
  ["sync call, 1 impl", "the baseline loop"],
  ["sync call, 10 impls", "the baseline loop"],
  ["sync call, 100 impls", "the baseline loop"],
  ["firstresult, 10 impls (the last one answers)", "the baseline loop"],
  ["hooks=10 wrappers=10", "a hand-written nest of generators"],
];

/** The name of the case pluggy's matrix and the targets refer to. */
export const targetCases = {
  sync10: "sync call, 10 impls",
  wrappers10: "hooks=10 wrappers=10",
  async20: "callAsync, 20 async impls",
  register1k: "register 1,000 plugins x 3 hooks",
  register10k: "register 10,000 plugins x 3 hooks",
  startupCpu: `${startupCaseName} (CPU)`,
} as const;

function isPluggyMatrixCase(caseName: string): boolean {
  return /^hooks=\d+ wrappers=\d+$/.test(caseName) || caseName.startsWith("call_hook (");
}

/**
 * Checks a run against the targets of issues 8 and 18 (ratios within the run).
 *
 * @param measurements - The measurements of one run.
 * @returns One verdict per target; pluggy's gives the smallest speed-up over its matrix.
 */
export function evaluateTargets(measurements: readonly Measurement[]): TargetVerdict[] {
  const at = (caseName: string, subject: SubjectName): number | undefined => lookup(measurements, caseName, subject);
  const atMost = (target: string, ratio: number | undefined, limit: number): TargetVerdict => ({
    target,
    ratio,
    met: ratio === undefined ? undefined : ratio <= limit,
  });
  const matrix = [...new Set(measurements.map((m) => m.case))].filter(isPluggyMatrixCase);
  const speedups = matrix.map((caseName) => ratioOf(at(caseName, "pluggy"), at(caseName, "hooksmith")));
  const measured = speedups.filter((ratio): ratio is number => ratio !== undefined);
  const slowest = measured.length === 0 ? undefined : Math.min(...measured);
  const slowestCase = slowest === undefined ? undefined : matrix[speedups.indexOf(slowest)];
  return [
    atMost(
      "sync call, 10 impls: hooksmith <= 1.5x the baseline loop",
      ratioOf(at(targetCases.sync10, "hooksmith"), at(targetCases.sync10, "baseline")),
      1.5,
    ),
    atMost(
      "sync call, 10 impls: hooksmith <= 1.5x tapable SyncHook (10 taps)",
      ratioOf(at(targetCases.sync10, "hooksmith"), at(targetCases.sync10, "tapable")),
      1.5,
    ),
    atMost(
      "10 wrappers (hooks=10 wrappers=10): hooksmith <= 2x a hand-written nest of generators",
      ratioOf(at(targetCases.wrappers10, "hooksmith"), at(targetCases.wrappers10, "baseline")),
      2,
    ),
    {
      target: `every pluggy matrix case: pluggy >= 20x hooksmith (smallest: ${slowestCase ?? "n/a"}; ${measured.length} of ${matrix.length} cases measured)`,
      ratio: slowest,
      met: slowest === undefined || measured.length < matrix.length ? undefined : slowest >= 20,
    },
    atMost(
      "callAsync, 20 async impls: hooksmith <= 1.5x a sequential await loop",
      ratioOf(at(targetCases.async20, "hooksmith"), at(targetCases.async20, "baseline")),
      1.5,
    ),
    atMost(
      "registration: 1,000 plugins <= 1.5x the hand-written registry",
      ratioOf(at(targetCases.register1k, "hooksmith"), at(targetCases.register1k, "baseline")),
      1.5,
    ),
    atMost(
      "registration: 10,000 plugins <= 12x the time of 1,000",
      ratioOf(at(targetCases.register10k, "hooksmith"), at(targetCases.register1k, "hooksmith")),
      12,
    ),
    ...noCodegenTargets.map(([caseName, what]) =>
      atMost(
        `${caseName}${noCodegenSuffix}: hooksmith <= 1.5x ${what}`,
        ratioOf(at(`${caseName}${noCodegenSuffix}`, "hooksmith"), at(`${caseName}${noCodegenSuffix}`, "baseline")),
        1.5,
      ),
    ),
    atMost(
      "startup (import, 3 specs, 10 plugins, one call): hooksmith CPU time <= tapable's",
      ratioOf(at(targetCases.startupCpu, "hooksmith"), at(targetCases.startupCpu, "tapable")),
      1,
    ),
  ];
}

/**
 * The verdicts as lines: `met`, `NOT MET` or `not measured`, the ratio, the target.
 *
 * @param verdicts - From {@link evaluateTargets}.
 * @returns One line per target.
 */
export function formatTargets(verdicts: readonly TargetVerdict[]): string {
  return verdicts
    .map((verdict) => {
      const status = verdict.met === undefined ? "not measured" : verdict.met ? "met" : "NOT MET";
      return `${status.padEnd(12)} ${formatRatio(verdict.ratio).padStart(7)}  ${verdict.target}`;
    })
    .join("\n");
}
