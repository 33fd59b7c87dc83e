// The stage commands of mini-nebari, run as real processes in temporary project folders:
// validate, render, deploy and destroy, with the built-in stages, the installed example
// plugins (npm workspaces link them into the repository's node_modules) and an imported .ts one.
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliTimeout, listFiles, mini, project, removeProjects, statusPlugin } from "./helpers.ts";

afterAll(removeProjects);

const builtinOnly = { autoload: false } as const;

describe("mini-nebari validate", { timeout: cliTimeout }, () => {
  it("accepts a valid config and names the stages that checked it", async () => {
    const run = await mini(["validate"], { cwd: await project(), ...builtinOnly });
    expect(run).toMatchObject({ exitCode: 0, stderr: "" });
    expect(run.stdout).toBe("mini-nebari-config.yaml is valid for 3 stages: 01-state, 02-network, 03-apps\n");
  });

  it("reads the file given with -c, relative to the working directory", async () => {
    const cwd = await project({ "conf/prod.yaml": "project_name: prod\n" });
    const run = await mini(["validate", "-c", "conf/prod.yaml"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("conf/prod.yaml is valid for 3 stages");
  });
});

describe("mini-nebari render", { timeout: cliTimeout }, () => {
  it("writes every stage's files, then reports them unchanged", async () => {
    const cwd = await project();
    const first = await mini(["render"], { cwd, ...builtinOnly });
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain("Rendered 3 stages into .: 4 new, 0 updated, 0 unchanged");
    expect(first.stdout).toMatch(/new {8}stages\/03-apps\/dask\.json/);
    expect(await listFiles(cwd)).toEqual([
      "mini-nebari-config.yaml",
      "stages/01-state/backend.json",
      "stages/02-network/network.json",
      "stages/03-apps/dask.json",
      "stages/03-apps/hub.json",
    ]);
    expect(JSON.parse(await readFile(join(cwd, "stages/03-apps/dask.json"), "utf8"))).toEqual({
      kind: "App",
      name: "dask",
      replicas: 2,
    });
    const network = JSON.parse(await readFile(join(cwd, "stages/02-network/network.json"), "utf8")) as unknown;
    expect(network).toEqual({ domain: "demo.local", port: 8443, scheme: "http" });

    const second = await mini(["render"], { cwd, ...builtinOnly });
    expect(second.stdout).toContain("0 new, 0 updated, 4 unchanged");
  });

  it("writes nothing with --dry-run", async () => {
    const cwd = await project();
    const run = await mini(["render", "--dry-run", "-o", "out"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Would render 3 stages into out: 4 new");
    expect(run.stdout).toContain("Dry run: nothing was written.");
    expect(await listFiles(cwd)).toEqual(["mini-nebari-config.yaml"]);
  });
});

describe("mini-nebari deploy and destroy", { timeout: cliTimeout }, () => {
  it("deploys stage by stage with progress, records the state, and destroys last stage first", async () => {
    const cwd = await project();
    const deploy = await mini(["deploy", "-o", "out"], { cwd, ...builtinOnly });
    expect(deploy).toMatchObject({ exitCode: 0, stderr: "" });
    const progress = deploy.stdout.split("\n").filter((line) => line.startsWith("  ✓") || line.startsWith("  ✗"));
    expect(progress.map((line) => line.replace(/ \(\d+ ms\)$/, ""))).toEqual([
      "  ✓ [1/3] 01-state: deploy",
      "  ✓ [1/3] 01-state: check",
      "  ✓ [2/3] 02-network: deploy",
      "  ✓ [2/3] 02-network: check",
      "  ✓ [3/3] 03-apps: deploy",
      "  ✓ [3/3] 03-apps: check",
    ]);
    // Outputs handed on: 03-apps built its endpoints on 02-network's URL.
    expect(deploy.stdout).toContain(
      '03-apps     {"endpoints":{"hub":"http://demo.local:8443/hub","dask":"http://demo.local:8443/dask"}}',
    );
    const state = JSON.parse(await readFile(join(cwd, "out/.mini-nebari/state.json"), "utf8")) as unknown;
    expect(state).toEqual({
      version: 1,
      project: "demo",
      resources: {
        "02-network": { url: "http://demo.local:8443" },
        "03-apps": {
          apps: ["hub", "dask"],
          endpoints: { hub: "http://demo.local:8443/hub", dask: "http://demo.local:8443/dask" },
        },
      },
    });
    const hub = JSON.parse(await readFile(join(cwd, "out/deployments/hub.json"), "utf8")) as unknown;
    expect(hub).toEqual({ name: "hub", replicas: 1, endpoint: "http://demo.local:8443/hub", status: "running" });

    const destroy = await mini(["destroy", "-o", "out", "--disable-prompt"], { cwd, ...builtinOnly });
    expect(destroy).toMatchObject({ exitCode: 0, stderr: "" });
    const steps = destroy.stdout.split("\n").filter((line) => line.startsWith("  ✓"));
    expect(steps.map((line) => line.replace(/ \(\d+ ms\)$/, ""))).toEqual([
      "  ✓ [1/3] 01-state: prepare",
      "  ✓ [2/3] 02-network: prepare",
      "  ✓ [3/3] 03-apps: prepare",
      "  ✓ [3/3] 03-apps: destroy",
      "  ✓ [2/3] 02-network: destroy",
      "  ✓ [1/3] 01-state: destroy",
    ]);
    expect(destroy.stdout).toContain("Destroyed 3 stages.");
    expect(existsSync(join(cwd, "out/.mini-nebari"))).toBe(false);
    expect(existsSync(join(cwd, "out/deployments"))).toBe(false);
  });

  it("refuses to destroy without a terminal unless --disable-prompt", async () => {
    const cwd = await project();
    expect((await mini(["deploy"], { cwd, ...builtinOnly })).exitCode).toBe(0);
    const run = await mini(["destroy"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      "error: destroy asks for confirmation, and standard input is not a terminal: pass --disable-prompt\n",
    );
    expect(existsSync(join(cwd, ".mini-nebari/state.json"))).toBe(true);
  });

  it("runs the installed plugins: the local-tls override replaces 02-network, and the imported status plugin adds a stage and a command", async () => {
    const cwd = await project();
    const deploy = await mini(["--import-plugin", statusPlugin, "deploy"], { cwd });
    expect(deploy.exitCode).toBe(0);
    expect(deploy.stdout).toMatch(/✓ \[\d\/\d\] 02-network: deploy/);
    expect(deploy.stdout).toContain('"url":"https://demo.local:8443"');
    const token = await stat(join(cwd, "secrets/network.token"));
    expect(token.mode & 0o777).toBe(0o600);
    expect(await readFile(join(cwd, "status.md"), "utf8")).toContain('| 03-apps | `{"endpoints":');

    const status = await mini(["--import-plugin", statusPlugin, "status"], { cwd });
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toContain("Project demo: 2 stages recorded");
    expect(status.stdout).toContain('02-network  {"url":"https://demo.local:8443","tokenFile":"secrets/network.token"}');

    const destroy = await mini(["--import-plugin", statusPlugin, "destroy", "--disable-prompt"], { cwd });
    expect(destroy.exitCode).toBe(0);
    expect(await listFiles(cwd)).not.toContain("secrets/network.token");
    expect(await listFiles(cwd)).not.toContain("status.md");
    const after = await mini(["--import-plugin", statusPlugin, "status"], { cwd });
    expect(after.stdout).toBe("Nothing deployed in . (no .mini-nebari/state.json).\n");
  });

  it("skips the checks with --disable-checks", async () => {
    const cwd = await project({
      "mini-nebari-config.yaml": "project_name: demo\n",
      "plugins/smoke.ts": failingCheckPlugin,
    });
    const failed = await mini(["--import-plugin", "./plugins/smoke.ts", "deploy"], { cwd, ...builtinOnly });
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toContain('✗ [4/4] 04-smoke: check failed: Check of stage "04-smoke" returned false');
    expect(failed.stderr).toBe(
      'error: Stage "04-smoke" failed its check: Check of stage "04-smoke" returned false [HOOKSMITH_STAGE_FAILED]\n',
    );

    const skipped = await mini(["--import-plugin", "./plugins/smoke.ts", "deploy", "--disable-checks"], { cwd, ...builtinOnly });
    expect(skipped.exitCode).toBe(0);
    expect(skipped.stdout).toContain("Deploying 4 stages (checks disabled):");
    expect(skipped.stdout).not.toContain(": check");
  });
});

const failingCheckPlugin = `import { hookimpl, NebariStage } from "hooksmith/nebari";
class SmokeStage extends NebariStage {
  static override stageName = "04-smoke";
  static override priority = 40;
  override check() { return false; }
}
export const nebari_stage = hookimpl(() => [SmokeStage]);
`;
