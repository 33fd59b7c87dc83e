// The benchmark of issue 8: runs the cases, pluggy beside them, and writes bench/results.json.

import { writeFile } from "node:fs/promises";
import { cpus, platform, release, totalmem } from "node:os";
import { allCases } from "./cases/index.ts";
import { fullSettings, measureCase, quickSettings, type BenchCase, type Measurement } from "./harness.ts";
import { runPluggy, type PluggyRun } from "./pluggy.ts";

export { allCases } from "./cases/index.ts";
export { fullSettings, measureCase, quickSettings } from "./harness.ts";
export type { BenchCase, Measurement, MeasureSettings, Subject, SubjectName } from "./harness.ts";
export { evaluateTargets, formatTable, formatTargets } from "./report.ts";

/** Options of {@link runBenchmarks}. */
export interface RunOptions {
  /** Measure briefly (a smoke check): every case in well under a minute. */
  readonly quick: boolean;
  /** The cases to run (default: {@link allCases}). */
  readonly cases?: readonly BenchCase[];
  /** Run only the cases whose name matches. */
  readonly filter?: RegExp | undefined;
  /** The folder holding pluggy_bench.py; pluggy is skipped when absent. */
  readonly benchDir?: string | undefined;
  /** Where to write the results as JSON (not written when absent). */
  readonly out?: string | undefined;
  /** Receives progress lines. */
  readonly log?: (line: string) => void;
  /**
   * Measurements of an earlier phase, kept at the head of the results (those of a case measured
   * again are replaced).
   */
  readonly previous?: readonly Measurement[];
}

/** What a run produced. */
export interface RunResult {
  /** Every measurement, hooksmith's cases first, then pluggy's. */
  readonly measurements: Measurement[];
  /** What happened to the pluggy comparison. */
  readonly pluggy: PluggyRun;
}

/**
 * Runs the benchmark: each case with all its subjects in this process, then pluggy on the cases
 * that have a Python counterpart, in a subprocess; writes `out` as an array of
 * `{ case, subject, nsPerOp }`.
 *
 * @param options - Quick or full, which cases, where the results go.
 * @returns The measurements and the pluggy status.
 */
export async function runBenchmarks(options: RunOptions): Promise<RunResult> {
  const log = options.log ?? ((): void => {});
  const settings = options.quick ? quickSettings : fullSettings;
  const cases = (options.cases ?? allCases()).filter((benchCase) => options.filter?.test(benchCase.name) ?? true);
  const names = new Set(cases.map((benchCase) => benchCase.name));
  const measurements: Measurement[] = (options.previous ?? []).filter((m) => ![...names].some((name) => m.case.startsWith(name)));
  for (const benchCase of cases) {
    const started = performance.now();
    const results = await measureCase(benchCase, settings);
    measurements.push(...results);
    log(`${benchCase.name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  let pluggy: PluggyRun = { ran: false, notice: "pluggy skipped: not requested (BENCH_PLUGGY=0)" };
  if (options.benchDir !== undefined && cases.some((benchCase) => benchCase.pluggy !== undefined)) {
    const started = performance.now();
    pluggy = runPluggy(cases, { benchDir: options.benchDir, quick: options.quick });
    log(pluggy.ran ? `pluggy ${pluggy.pluggy} (${((performance.now() - started) / 1000).toFixed(1)} s)` : pluggy.notice);
  }
  if (pluggy.ran) measurements.push(...pluggy.measurements);
  if (options.out !== undefined) await writeFile(options.out, `${JSON.stringify(measurements, null, 2)}\n`);
  return { measurements, pluggy };
}

/**
 * A one-line description of the machine and runtime.
 *
 * @returns E.g. `linux 6.1 x64, 2 x AMD EPYC 7B13, 8 GB, Node v20.20.2`.
 */
export function describeMachine(): string {
  const cpu = cpus();
  return `${platform()} ${release()} ${process.arch}, ${cpu.length} x ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
}
