// Issue 14, items 8 and 13, on the example host: two deploys of one folder at once both succeeded
// and the state kept one run's apps; SIGTERM (CI cancelling a job, `docker stop`) skipped every
// teardown; a config file of any size was parsed (100 MB of YAML took a minute and gigabytes).
import { spawn, type ChildProcess } from "node:child_process";
import { access, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bin, cliTimeout, listFiles, mini, project, removeProjects, validConfig } from "./helpers.ts";

afterAll(removeProjects);

const builtinOnly = { autoload: false } as const;

/** A plugin whose stage marks that it started, then waits for `release` (or the run's signal). */
const waitingPlugin = `import { writeFile, access } from "node:fs/promises";
import { join } from "node:path";
import { hookimpl, NebariStage, type StageOutputs, type StageRunOptions } from "hooksmith/nebari";

class EnteredStage extends NebariStage {
  static override stageName = "04-entered";
  static override priority = 40;
  override async *deploy() {
    try {
      yield;
    } finally {
      await writeFile(join(this.outputDirectory, "torn-down"), "04-entered");
    }
  }
}

class WaitingStage extends NebariStage {
  static override stageName = "05-waiting";
  static override priority = 50;
  override async deploy(_outputs: StageOutputs, { signal }: StageRunOptions) {
    await writeFile(join(this.outputDirectory, "started"), String(process.pid));
    for (;;) {
      signal.throwIfAborted();
      if (await access(join(this.outputDirectory, "release")).then(() => true, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export const nebari_stage = hookimpl(() => [EnteredStage, WaitingStage]);
`;

/** Starts `mini-nebari ...args` in the background. */
function start(
  args: readonly string[],
  cwd: string,
): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", MINI_NEBARI_DISABLE_PLUGIN_AUTOLOAD: "1" };
  const child = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdout?.resume();
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stderr })),
  );
  return { child, done };
}

async function waitFor(file: string): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (
      await access(file).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${file} did not appear`);
}

describe("two runs on one output folder", { timeout: cliTimeout * 2 }, () => {
  it("lets the second deploy (and a destroy) fail at once naming the first, which finishes intact", async () => {
    const cwd = await project({ "mini-nebari-config.yaml": validConfig, "plugins/waiting.ts": waitingPlugin });
    const first = start(["--import-plugin", "./plugins/waiting.ts", "deploy"], cwd);
    await waitFor(join(cwd, "started"));

    const second = await mini(["deploy"], { cwd, ...builtinOnly });
    expect(second.exitCode).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(
        `^error: The output directory is locked by a deploy run: process ${first.child.pid} on host ".+" since .+ \\[HOOKSMITH_STAGE_LOCKED\\]\\n$`,
      ),
    );
    const destroy = await mini(["destroy", "--disable-prompt"], { cwd, ...builtinOnly });
    expect(destroy.exitCode).toBe(1);
    expect(destroy.stderr).toContain("[HOOKSMITH_STAGE_LOCKED]");

    await writeFile(join(cwd, "release"), "");
    const { code } = await first.done;
    expect(code).toBe(0);
    const state = JSON.parse(await readFile(join(cwd, ".mini-nebari/state.json"), "utf8")) as { resources: object };
    expect(Object.keys(state.resources).sort()).toEqual(["02-network", "03-apps"]);
    expect(await listFiles(cwd)).not.toContain(".hooksmith.lock");
  });
});

describe("SIGTERM during a deploy", { timeout: cliTimeout * 2 }, () => {
  it("stops the deploy like Ctrl-C: every entered stage is torn down and the lock released", async () => {
    const cwd = await project({ "mini-nebari-config.yaml": validConfig, "plugins/waiting.ts": waitingPlugin });
    const run = start(["--import-plugin", "./plugins/waiting.ts", "deploy"], cwd);
    await waitFor(join(cwd, "started"));
    run.child.kill("SIGTERM");
    const { code, stderr } = await run.done;
    expect(code).toBe(1);
    expect(stderr).toBe('error: Stage "05-waiting" failed to deploy: interrupted (SIGTERM) [HOOKSMITH_STAGE_FAILED]\n');
    expect(await readFile(join(cwd, "torn-down"), "utf8")).toBe("04-entered");
    expect(await listFiles(cwd)).not.toContain(".hooksmith.lock");
  });
});

describe("a config file larger than 1 MiB", { timeout: cliTimeout }, () => {
  it("is refused with a clear message before it is parsed", async () => {
    const cwd = await project({ "mini-nebari-config.yaml": `${validConfig}# ${"x".repeat(1024 * 1024)}\n` });
    const run = await mini(["validate"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      "error: config file mini-nebari-config.yaml is larger than 1048576 bytes (1 MiB is the limit): is it the right file?\n",
    );
  });
});
