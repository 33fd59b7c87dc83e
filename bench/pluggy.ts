// Runs pluggy on the same cases, in a Python subprocess (bench/pluggy_bench.py), when Python can
// import pluggy.

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { BenchCase, Measurement } from "./harness.ts";

/** What the pluggy run produced, or why it was skipped. */
export type PluggyRun =
  | { readonly ran: true; readonly python: string; readonly pluggy: string; readonly measurements: Measurement[] }
  | { readonly ran: false; readonly notice: string };

/**
 * Times pluggy on every case that has a pluggy counterpart, with `python3` (or `$PYTHON`), or
 * explains why it cannot.
 *
 * @param cases - The cases; those without `pluggy` are left out.
 * @param options - `benchDir` holds pluggy_bench.py; `quick` shortens the timing.
 * @returns The measurements, or a notice.
 */
export function runPluggy(
  cases: readonly BenchCase[],
  options: { readonly benchDir: string; readonly quick: boolean },
): PluggyRun {
  const python = process.env["PYTHON"] || "python3";
  const probe = spawnSync(python, ["-c", "import pluggy"], { encoding: "utf8" });
  if (probe.error !== undefined || probe.status !== 0) {
    const reason =
      probe.error !== undefined ? `${python} is not available (${probe.error.message})` : `${python} cannot import pluggy`;
    return { ran: false, notice: `pluggy skipped: ${reason}; install it (Debian: apt-get install python3-pluggy) to compare` };
  }
  const specs = cases.flatMap((benchCase) =>
    benchCase.pluggy === undefined ? [] : [{ case: benchCase.name, ...benchCase.pluggy }],
  );
  if (specs.length === 0) return { ran: false, notice: "pluggy skipped: no selected case has a pluggy counterpart" };
  const child = spawnSync(python, [join(options.benchDir, "pluggy_bench.py")], {
    input: JSON.stringify({ quick: options.quick, cases: specs }),
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.error !== undefined || child.status !== 0) {
    return { ran: false, notice: `pluggy failed: ${child.error?.message ?? child.stderr.trim()}` };
  }
  const output = JSON.parse(child.stdout) as {
    python: string;
    pluggy: string;
    results: Array<{ case: string; nsPerOp: number }>;
  };
  return {
    ran: true,
    python: output.python,
    pluggy: output.pluggy,
    measurements: output.results.map((result) => ({ case: result.case, subject: "pluggy", nsPerOp: result.nsPerOp })),
  };
}
