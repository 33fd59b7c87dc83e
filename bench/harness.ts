// Measures the subjects of one benchmark case with tinybench, in batches, and checks first that
// every subject does the work the case expects of it.

import { isDeepStrictEqual } from "node:util";
import { Bench, type FnReturnedObject } from "tinybench";

/** Who did the work: hooksmith, the hand-written baseline, a peer library, or pluggy (Python). */
export type SubjectName = "hooksmith" | "baseline" | "tapable" | "hookable" | "pluggy";

/** One line of `bench/results.json`. */
export interface Measurement {
  /** The case name. */
  readonly case: string;
  /** Who did the work. */
  readonly subject: SubjectName;
  /** Nanoseconds per operation: the median of the batch means, best round. */
  readonly nsPerOp: number;
}

/** One way of doing a case's work, timed as an operation. */
export interface Subject {
  /** Who does the work. */
  readonly subject: Exclude<SubjectName, "pluggy">;
  /** One operation. For an async subject, a promise that settles when the operation is done. */
  readonly run: () => unknown;
  /** Whether `run` returns a promise to await. */
  readonly async?: boolean;
  /** Throws when the value one operation produced is not what the case expects. */
  readonly verify?: (value: unknown) => void;
}

/** A case ready to run: its subjects, and what to release afterwards. */
export interface PreparedCase {
  /** The subjects, in the order they are measured within a round. */
  readonly subjects: readonly Subject[];
  /** Releases what `prepare` set up (temporary files). */
  readonly dispose?: () => void | Promise<void>;
}

/** A benchmark case: one kind of work, done by several subjects. */
export type BenchCase = TimedCase | ProcessCase;

/** A case whose subjects are timed in this process, by tinybench. */
export interface TimedCase {
  /** The case name, as it appears in the table and in results.json. */
  readonly name: string;
  /** The matching case of the pluggy script, when pluggy can do the same work. */
  readonly pluggy?: PluggyCaseSpec;
  /** Builds the subjects (managers, hooks, registrations); nothing here is timed. */
  readonly prepare: () => PreparedCase | Promise<PreparedCase>;
}

/**
 * A case whose samples are fresh processes (startup), which it runs and times itself: it returns
 * its measurements, possibly under several case names (CPU time and wall time).
 */
export interface ProcessCase {
  /** The case name (its measurements may add a suffix). */
  readonly name: string;
  /** No pluggy counterpart. */
  readonly pluggy?: undefined;
  /** Runs the processes and returns the measurements. */
  readonly measure: (settings: MeasureSettings) => Promise<Measurement[]>;
}

/** What bench/pluggy_bench.py needs to build the same case in Python. */
export type PluggyCaseSpec =
  | { readonly kind: "wrappers"; readonly hooks: number; readonly wrappers: number }
  | { readonly kind: "call_hook"; readonly plugins: number; readonly wrappers: number; readonly nesting: number }
  | { readonly kind: "sync"; readonly impls: number }
  | { readonly kind: "firstresult"; readonly impls: number }
  | { readonly kind: "register"; readonly plugins: number };

/** How long to measure. */
export interface MeasureSettings {
  /** Measured time per subject and round, in ms. */
  readonly timeMs: number;
  /** Warm-up time per subject and round, in ms. */
  readonly warmupMs: number;
  /** Minimum number of samples per subject and round. */
  readonly minSamples: number;
  /** How long one sample (a batch of operations) should take, in ms. */
  readonly sampleMs: number;
  /** Rounds: every subject is measured once per round, and the best round counts. */
  readonly rounds: number;
  /** Fresh processes per subject in the cases that time a process (startup). */
  readonly processes: number;
}

/** A short run for smoke checks: every case in well under a minute. */
export const quickSettings: MeasureSettings = { timeMs: 15, warmupMs: 10, minSamples: 2, sampleMs: 0.5, rounds: 1, processes: 3 };

/** The full run. */
export const fullSettings: MeasureSettings = { timeMs: 300, warmupMs: 100, minSamples: 8, sampleMs: 2, rounds: 3, processes: 41 };

/** Helper for {@link Subject.verify}: the value must deep-equal `expected`. */
export function expectValue(expected: unknown): (value: unknown) => void {
  return (value) => {
    if (!isDeepStrictEqual(value, expected)) {
      throw new Error(`unexpected result ${preview(value)}, expected ${preview(expected)}`);
    }
  };
}

/**
 * Measures every subject of a case: verifies each once, sizes its batches, then runs `rounds`
 * rounds in which every subject is measured in turn (so slow drifts of the machine hit all of
 * them), and keeps each subject's best median. A {@link ProcessCase} measures itself.
 *
 * @param benchCase - The case.
 * @param settings - How long to measure.
 * @returns One measurement per subject (a process case: per subject and figure).
 */
export async function measureCase(benchCase: BenchCase, settings: MeasureSettings): Promise<Measurement[]> {
  if ("measure" in benchCase) return benchCase.measure(settings);
  const prepared = await benchCase.prepare();
  try {
    const batches = new Map<Subject, Batch>();
    for (const subject of prepared.subjects) {
      try {
        subject.verify?.(subject.async ? await subject.run() : subject.run());
      } catch (error) {
        throw new Error(`${benchCase.name} / ${subject.subject}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
      batches.set(subject, await batchSize(subject, settings.sampleMs));
    }
    const best = new Map<Subject, number>();
    for (let round = 0; round < settings.rounds; round++) {
      for (const subject of prepared.subjects) {
        collectGarbage();
        const median = await measureSubject(subject, batches.get(subject)!, settings);
        best.set(subject, Math.min(best.get(subject) ?? Infinity, median));
      }
    }
    return prepared.subjects.map((subject) => ({ case: benchCase.name, subject: subject.subject, nsPerOp: best.get(subject)! }));
  } finally {
    await prepared.dispose?.();
  }
}

// Results are stored here so that the engine cannot drop the work that produced them.
let sink: unknown;

/** The last value a measured operation produced (keeps results observable). */
export function lastSink(): unknown {
  return sink;
}

async function measureSubject(subject: Subject, { size: batch, opMs }: Batch, settings: MeasureSettings): Promise<number> {
  const bench = new Bench({
    time: settings.timeMs,
    iterations: settings.minSamples,
    warmupTime: settings.warmupMs,
    warmupIterations: 1,
    throws: true,
  });
  const run = subject.run;
  // Samples of long operations (registering a thousand plugins or more, discovery) start from a
  // collected heap, so that they do not pay for the garbage of the ones before.
  const collect = opMs >= longOperationMs ? collectGarbage : noop;
  if (subject.async) {
    bench.add(
      subject.subject,
      async (): Promise<FnReturnedObject> => {
        collect();
        const start = performance.now();
        for (let i = 0; i < batch; i++) sink = await run();
        const elapsed = performance.now() - start;
        return { overriddenDuration: elapsed / batch, overriddenIterationCost: elapsed };
      },
      { async: true },
    );
  } else {
    bench.add(
      subject.subject,
      (): FnReturnedObject => {
        collect();
        const start = performance.now();
        for (let i = 0; i < batch; i++) sink = run();
        const elapsed = performance.now() - start;
        return { overriddenDuration: elapsed / batch, overriddenIterationCost: elapsed };
      },
      { async: false },
    );
  }
  await bench.run();
  const result = bench.tasks[0]!.result;
  if (result.state !== "completed") throw new Error(`${subject.subject}: the benchmark ended in state ${result.state}`);
  return result.latency.p50 * 1e6;
}

/** Operations at least this long (ms) start each sample from a collected heap. */
const longOperationMs = 0.25;

interface Batch {
  /** Operations per sample. */
  readonly size: number;
  /** The estimated time of one operation, in ms. */
  readonly opMs: number;
}

// How many operations make one sample of about `sampleMs`: doubles a trial batch until it takes at
// least a tenth of that, then scales.
async function batchSize(subject: Subject, sampleMs: number): Promise<Batch> {
  const run = subject.run;
  for (let count = 1; ; count *= 2) {
    const start = performance.now();
    if (subject.async) for (let i = 0; i < count; i++) sink = await run();
    else for (let i = 0; i < count; i++) sink = run();
    const elapsed = performance.now() - start;
    if (elapsed >= sampleMs / 10 || count >= 1 << 20) {
      return {
        size: Math.max(1, Math.min(1 << 22, Math.round((count * sampleMs) / Math.max(elapsed, 1e-6)))),
        opMs: elapsed / count,
      };
    }
  }
}

function noop(): void {}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function preview(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
