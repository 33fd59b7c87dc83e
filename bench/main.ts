// `npm run bench`: runs every case (BENCH_QUICK=1 for a short smoke run, BENCH_FILTER=<regex> for
// some cases), prints the table and the targets, and writes bench/results.json. bench/run.mjs runs
// it twice: once as usual, then (BENCH_PHASE=no-codegen) in a process started with
// --disallow-code-generation-from-strings, whose measurements are added to the same results.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync, readFileSync } from "node:fs";
import { noCodegenCases } from "./cases/index.ts";
import type { Measurement } from "./harness.ts";
import { describeMachine, evaluateTargets, formatTable, formatTargets, runBenchmarks } from "./index.ts";

const quick = (process.env["BENCH_QUICK"] ?? "") !== "" && process.env["BENCH_QUICK"] !== "0";
const filterText = process.env["BENCH_FILTER"];
// bench/run.mjs runs a bundled copy from .tmp/, and says where the sources are.
const benchDir = process.env["HOOKSMITH_BENCH_DIR"] ?? dirname(fileURLToPath(import.meta.url));
const out = process.env["BENCH_OUT"] ?? join(benchDir, "results.json");
const noCodegen = process.env["BENCH_PHASE"] === "no-codegen";
if (noCodegen && codegenAllowed()) throw new Error("BENCH_PHASE=no-codegen needs node --disallow-code-generation-from-strings");

console.log(
  `hooksmith benchmark (${quick ? "quick" : "full"} run${noCodegen ? ", code generation forbidden in this process" : ""})`,
);
console.log(`machine: ${describeMachine()}`);
const started = performance.now();
// The second phase adds its measurements to those of the first.
const earlier: Measurement[] = noCodegen && existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as Measurement[]) : [];
const { measurements: measured, pluggy } = await runBenchmarks({
  quick,
  ...(noCodegen ? { cases: noCodegenCases(), previous: earlier } : {}),
  filter: filterText ? new RegExp(filterText) : undefined,
  // BENCH_PLUGGY=0 leaves pluggy out (faster runs while working on hooksmith).
  benchDir: process.env["BENCH_PLUGGY"] === "0" ? undefined : benchDir,
  out,
  log: (line) => console.error(`  ${line}`),
});
const measurements = noCodegen ? measured.filter((m) => !earlier.includes(m)) : measured;
if (!noCodegen) console.log(pluggy.ran ? `pluggy: ${pluggy.pluggy} on Python ${pluggy.python}` : pluggy.notice);
console.log("");
console.log(formatTable(measurements));
console.log("");
console.log(
  quick
    ? "Targets (ratios within this run; a quick run barely warms the engine up: judge the targets on a full run):"
    : "Targets (ratios within this run):",
);
console.log(
  formatTargets(
    evaluateTargets(noCodegen ? measured : measurements).filter(
      (verdict) => noCodegen === verdict.target.includes("no code generation"),
    ),
  ),
);
console.log("");
console.log(`${measurements.length} measurements written to ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s`);

function codegenAllowed(): boolean {
  try {
    new Function("");
    return true;
  } catch {
    return false;
  }
}
