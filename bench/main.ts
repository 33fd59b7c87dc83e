// `npm run bench`: runs every case (BENCH_QUICK=1 for a short smoke run, BENCH_FILTER=<regex> for
// some cases), prints the table and the targets, and writes bench/results.json.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setCodegenAllowed } from "../src/core/compile-call.ts";
import { describeMachine, evaluateTargets, formatTable, formatTargets, runBenchmarks } from "./index.ts";

const quick = (process.env["BENCH_QUICK"] ?? "") !== "" && process.env["BENCH_QUICK"] !== "0";
const filterText = process.env["BENCH_FILTER"];
// bench/run.mjs runs a bundled copy from .tmp/, and says where the sources are.
const benchDir = process.env["HOOKSMITH_BENCH_DIR"] ?? dirname(fileURLToPath(import.meta.url));
const out = process.env["BENCH_OUT"] ?? join(benchDir, "results.json");
// BENCH_NO_EVAL=1 measures hooksmith as where `new Function` is forbidden: every call takes the loop.
const noEval = process.env["BENCH_NO_EVAL"] === "1";
if (noEval) setCodegenAllowed(false);

console.log(`hooksmith benchmark (${quick ? "quick" : "full"} run${noEval ? ", hooksmith without generated code" : ""})`);
console.log(`machine: ${describeMachine()}`);
const started = performance.now();
const { measurements, pluggy } = await runBenchmarks({
  quick,
  filter: filterText ? new RegExp(filterText) : undefined,
  // BENCH_PLUGGY=0 leaves pluggy out (faster runs while working on hooksmith).
  benchDir: process.env["BENCH_PLUGGY"] === "0" ? undefined : benchDir,
  out,
  log: (line) => console.error(`  ${line}`),
});
console.log(pluggy.ran ? `pluggy: ${pluggy.pluggy} on Python ${pluggy.python}` : pluggy.notice);
console.log("");
console.log(formatTable(measurements));
console.log("");
console.log(
  quick
    ? "Targets (ratios within this run; a quick run barely warms the engine up: judge the targets on a full run):"
    : "Targets (ratios within this run):",
);
console.log(formatTargets(evaluateTargets(measurements)));
console.log("");
console.log(`${measurements.length} measurements written to ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
