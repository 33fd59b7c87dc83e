// The `npm run bench` launcher: bundles bench/main.ts and the sources with esbuild into .tmp/bench/
// and runs the bundle with plain Node. Running compiled code keeps a loader such as tsx out of the
// measurements (its resolve hook adds a worker round trip to every import() of the discovery
// case), and --expose-gc lets the harness collect garbage between subjects. A second run measures
// the calls in a process where code generation is forbidden. It builds the package
// first: the startup case runs fresh processes that import the built dist/, as a host would.

import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const benchDir = dirname(fileURLToPath(import.meta.url));
const outfile = join(dirname(benchDir), ".tmp", "bench", "main.mjs");

const built = spawnSync("npm", ["run", "build", "--silent"], { cwd: dirname(benchDir), encoding: "utf8" });
if (built.status !== 0) {
  process.stderr.write(built.stdout + built.stderr);
  process.exit(built.status ?? 1);
}

await build({
  entryPoints: [join(benchDir, "main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});

const child = spawnSync(process.execPath, ["--expose-gc", outfile], {
  stdio: "inherit",
  env: { ...process.env, HOOKSMITH_BENCH_DIR: benchDir },
});
if (child.status !== 0) process.exit(child.status ?? 1);

// The same calls where code generation is forbidden (Workers, a strict Content Security Policy):
// the whole process runs with the flag, so hooksmith's compiled path is refused as it would be
// there, and every call takes the call loop. Added to the same results.json.
const noCodegen = spawnSync(process.execPath, ["--expose-gc", "--disallow-code-generation-from-strings", outfile], {
  stdio: "inherit",
  env: { ...process.env, HOOKSMITH_BENCH_DIR: benchDir, BENCH_PHASE: "no-codegen", BENCH_PLUGGY: "0" },
});
process.exit(noCodegen.status ?? 1);
