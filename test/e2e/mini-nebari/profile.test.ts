// mini-nebari --profile <file>: every command can write a profile of its hook calls and stage
// steps (a Chrome trace, or a flame chart for .svg) and prints the top of the table.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { traceFormatProblems } from "../../observability/trace-event-format.ts";
import { cliTimeout, mini, project, removeProjects, validConfig } from "./helpers.ts";

afterAll(removeProjects);

const builtinOnly = { autoload: false } as const;

interface TraceEvent {
  name: string;
  ph: string;
  args?: Record<string, unknown>;
}

async function readTrace(file: string): Promise<{ traceEvents: TraceEvent[] }> {
  return JSON.parse(await readFile(file, "utf8")) as { traceEvents: TraceEvent[] };
}

describe("mini-nebari --profile", { timeout: cliTimeout }, () => {
  it("writes a Chrome trace of a deploy: plugin hooks, render and deploy steps", async () => {
    const cwd = await project();
    const run = await mini(["--profile", "deploy.json", "deploy"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Deployed 3 stages.");
    const trace = await readTrace(join(cwd, "deploy.json"));
    expect(traceFormatProblems(trace)).toEqual([]);
    expect(trace.traceEvents[0]).toMatchObject({ name: "process_name", args: { name: "mini-nebari deploy" } });
    const slices = trace.traceEvents.filter((event) => event.ph === "X" || event.ph === "b");
    const names = new Set(slices.map((event) => event.name));
    for (const name of [
      "nebari_subcommand",
      "nebari_stage",
      "builtin:stages",
      "01-state render",
      "03-apps deploy",
      "02-network check",
    ]) {
      expect(names).toContain(name);
    }
    // Standard error: where the profile went, then the table's top lines, implementations then stage steps.
    const lines = run.stderr.split("\n");
    expect(lines[0]).toBe("");
    expect(lines[1]).toBe(
      "Profile written to deploy.json (a Chrome trace: open it in https://ui.perfetto.dev or chrome://tracing).",
    );
    expect(lines[2]).toMatch(/^hooksmith profile: \S+ \S+ recorded, \d+ hook calls, \d+ implementation steps, 9 stage steps$/);
    expect(lines[3]).toMatch(/^hook +plugin +calls +total +self +mean +p95 +errors$/);
    expect(run.stderr).toMatch(/\nflow +stage +phase +calls +total +self +mean +p95 +errors\n/);
    expect(run.stderr).toMatch(/\ndeploy +03-apps +deploy +1 /);
  });

  it("profiles a failed deploy too, with the failing stage marked", async () => {
    const cwd = await project({
      "mini-nebari-config.yaml": validConfig,
      "plugins/failing.ts": `import { hookimpl, NebariStage } from "hooksmith/nebari";
class FailingStage extends NebariStage {
  static override stageName = "04-failing";
  static override priority = 40;
  override deploy() { throw new Error("disk full"); }
}
export const nebari_stage = hookimpl(() => [FailingStage]);
`,
    });
    const run = await mini(["--import-plugin", "./plugins/failing.ts", "--profile=failed.json", "deploy"], {
      cwd,
      ...builtinOnly,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('error: Stage "04-failing" failed to deploy: disk full [HOOKSMITH_STAGE_FAILED]\n');
    expect(run.stderr).toContain("Profile written to failed.json");
    const trace = await readTrace(join(cwd, "failed.json"));
    expect(traceFormatProblems(trace)).toEqual([]);
    const failing = trace.traceEvents.find((event) => event.name === "04-failing deploy" && event.ph === "b");
    expect(failing?.args).toMatchObject({ flow: "deploy", stage: "04-failing", phase: "deploy", error: "Error: disk full" });
    expect(run.stderr).toMatch(/\ndeploy +04-failing +deploy +1 .* 1\n/);
  });

  it("draws a flame chart when the file name ends in .svg, for any command", async () => {
    const cwd = await project();
    const run = await mini(["info", "--profile", "info.svg"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain("Profile written to info.svg (a flame chart).");
    const svg = await readFile(join(cwd, "info.svg"), "utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(">mini-nebari info</text>");
    expect(svg).toContain("nebari_subcommand");
  });

  it("refuses --profile without a file, and reports a file it cannot write", async () => {
    const cwd = await project();
    const missing = await mini(["info", "--profile"], { cwd, ...builtinOnly });
    expect(missing).toMatchObject({ exitCode: 1, stdout: "", stderr: "error: --profile needs a file name\n" });
    const unwritable = await mini(["--profile", "no/such/folder/p.json", "validate"], { cwd, ...builtinOnly });
    expect(unwritable.exitCode).toBe(1);
    expect(unwritable.stdout).toContain("is valid for 3 stages");
    expect(unwritable.stderr).toMatch(/^error: cannot write the profile to no\/such\/folder\/p\.json: ENOENT/);
  });
});
