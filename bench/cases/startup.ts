// Startup: what a command-line host pays before its first hook call. Each sample is a fresh Node
// process that imports the library, creates a manager (or hooks), adds three specs, registers 10
// plugins and calls one hook (bench/startup/*.mjs), timed by bench/startup/time.mjs.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import type { Measurement, MeasureSettings, ProcessCase } from "../harness.ts";

/** The name of the startup case; its measurements add ` (CPU)` and ` (wall)`. */
export const startupCaseName = "startup: import, 3 specs, 10 plugins, one call";

const subjects = ["hooksmith", "tapable", "hookable"] as const;
// What every program's `compute` call gives: one result per plugin, the last registered first.
const expected = [15, 14, 13, 12, 11, 10, 9, 8, 7, 6];

interface Sample {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly result: unknown;
}

/**
 * The startup case, on the built package (dist/, which `npm run bench` builds first): `settings.processes`
 * rounds, each running one fresh process per library in turn (hooksmith, tapable, hookable), so that
 * the machine's drifts hit all three; the figure of each is the median of its processes.
 *
 * @returns The case.
 */
export function startupCase(): ProcessCase {
  return {
    name: startupCaseName,
    measure: async (settings: MeasureSettings): Promise<Measurement[]> => {
      const benchDir = process.env["HOOKSMITH_BENCH_DIR"] ?? join(dirname(fileURLToPath(import.meta.url)), "..");
      const timer = join(benchDir, "startup", "time.mjs");
      if (!existsSync(join(benchDir, "..", "dist", "index.js"))) {
        throw new Error(`${startupCaseName}: dist/ is missing; run \`npm run build\` first (npm run bench does)`);
      }
      const samples = new Map<string, Sample[]>(subjects.map((subject) => [subject, []]));
      for (let round = 0; round < settings.processes; round++) {
        for (const subject of subjects) {
          const child = spawnSync(process.execPath, [timer, subject], { encoding: "utf8" });
          if (child.status !== 0) throw new Error(`${startupCaseName} / ${subject}: exit ${child.status}: ${child.stderr}`);
          const sample = JSON.parse(child.stdout) as Sample;
          if (!isDeepStrictEqual(sample.result, expected)) {
            throw new Error(`${startupCaseName} / ${subject}: unexpected result ${JSON.stringify(sample.result)}`);
          }
          samples.get(subject)!.push(sample);
        }
      }
      return subjects.flatMap((subject) => {
        const taken = samples.get(subject)!;
        return [
          { case: `${startupCaseName} (CPU)`, subject, nsPerOp: median(taken.map((sample) => sample.cpuMs)) * 1e6 },
          { case: `${startupCaseName} (wall)`, subject, nsPerOp: median(taken.map((sample) => sample.wallMs)) * 1e6 },
        ];
      });
    },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
