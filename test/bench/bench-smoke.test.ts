// The benchmark modules load, and a tiny in-process run writes results.json in the documented
// shape. Timings are never asserted.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allCases, evaluateTargets, formatTable, formatTargets, runBenchmarks } from "../../bench/index.ts";
import { syncCallCase } from "../../bench/cases/sync-calls.ts";
import { runPluggy } from "../../bench/pluggy.ts";

describe("the benchmark", () => {
  it("uses the implementations bench/generate-compute-impls.ts writes, up to date", async () => {
    const { source } = await import("../../bench/generate-compute-impls.ts");
    const written = await readFile(new URL("../../bench/cases/compute-impls.generated.ts", import.meta.url), "utf8");
    expect(written).toBe(source());
  });

  it("has every case of issues 8 and 18, each named once", () => {
    const names = allCases().map((benchCase) => benchCase.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        "sync call, 1 impl",
        "sync call, 10 impls",
        "sync call, 100 impls",
        "firstresult, 10 impls (the last one answers)",
        "hooks=10 wrappers=10",
        "hooks=100 wrappers=100",
        "call_hook (1,1,0)",
        "call_hook (100,100,0)",
        "callAsync, 20 async impls",
        "register 1,000 plugins x 3 hooks",
        "register 10,000 plugins x 3 hooks",
        "discovery, 1,000 installed packages",
        "startup: import, 3 specs, 10 plugins, one call",
      ]),
    );
    expect(names.filter((name) => name.startsWith("call_hook ("))).toHaveLength(11);
    expect(names.filter((name) => /^hooks=\d+ wrappers=\d+$/.test(name))).toHaveLength(4);
  });

  it("writes results.json as an array of { case, subject, nsPerOp }", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hooksmith-bench-smoke-"));
    try {
      const out = join(dir, "results.json");
      const { measurements, pluggy } = await runBenchmarks({ quick: true, cases: [syncCallCase(1)], out });
      expect(pluggy.ran).toBe(false);
      const written: unknown = JSON.parse(await readFile(out, "utf8"));
      expect(written).toEqual(measurements);
      expect(Array.isArray(written)).toBe(true);
      const rows = written as Array<Record<string, unknown>>;
      expect(rows.map((row) => row["subject"])).toEqual(["hooksmith", "baseline", "tapable", "hookable"]);
      for (const row of rows) {
        expect(Object.keys(row).sort()).toEqual(["case", "nsPerOp", "subject"]);
        expect(row["case"]).toBe("sync call, 1 impl");
        expect(typeof row["nsPerOp"]).toBe("number");
        expect(row["nsPerOp"]).toBeGreaterThan(0);
      }
      expect(formatTable(measurements)).toContain("sync call, 1 impl");
      expect(formatTargets(evaluateTargets(measurements))).toContain("not measured");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("skips pluggy with a notice when Python cannot run it", () => {
    const saved = process.env["PYTHON"];
    process.env["PYTHON"] = join(tmpdir(), "no-such-python-for-hooksmith");
    try {
      const run = runPluggy(allCases(), { benchDir: join(import.meta.dirname, "../../bench"), quick: true });
      expect(run).toMatchObject({ ran: false, notice: expect.stringContaining("pluggy skipped") });
    } finally {
      if (saved === undefined) delete process.env["PYTHON"];
      else process.env["PYTHON"] = saved;
    }
  });
});
