// --exclude-stage and --exclude-default-stages, which Nebari parsed and ignored: in mini-nebari
// they decide the stages of the run, its config check and what info shows.
import { afterAll, describe, expect, it } from "vitest";
import { cliTimeout, mini, project, removeProjects, validConfig } from "./helpers.ts";

afterAll(removeProjects);

const builtinOnly = { autoload: false } as const;

/** A plugin with a stage of its own, for runs without the built-in stages. */
const plugins = {
  "mini-nebari-config.yaml": validConfig,
  "plugins/solo.ts": `import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { hookimpl, NebariStage } from "hooksmith/nebari";
class SoloStage extends NebariStage {
  static override stageName = "solo";
  static override priority = 5;
  override async deploy() { await writeFile(join(this.outputDirectory, "solo.txt"), "deployed alone\\n"); }
}
export const nebari_stage = hookimpl(() => [SoloStage]);
`,
};

describe("--exclude-stage", { timeout: cliTimeout }, () => {
  it("leaves out the stages whose whole name matches, and info says so", async () => {
    const cwd = await project();
    const run = await mini(["--exclude-stage", "03-.*", "info"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toMatch(/30 +03-apps/);
    expect(run.stdout).toMatch(/Excluded:\n {2}03-apps {2}from builtin:stages {2}--exclude-stage 03-\.\*\n/);
  });

  it("matches whole names only: a pattern that matches nothing is a warning", async () => {
    const cwd = await project();
    const run = await mini(["--exclude-stage=apps", "validate"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("valid for 3 stages");
    expect(run.stderr).toBe(
      'warning: Stage exclusion pattern "apps" (excludeStages[0]) matched no stage (a pattern must match the whole name: did you mean ".*apps.*"?)\n',
    );
  });

  it("takes several patterns, and the excluded stages' config sections become unowned keys", async () => {
    const cwd = await project();
    const run = await mini(["--exclude-stage", ".*apps", "--exclude-stage", "02-network", "deploy"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Deploying 1 stages:");
    expect(run.stderr).toContain('warning: Config key "network" is owned by no active stage');
    expect(run.stderr).toContain('warning: Config key "apps" is owned by no active stage');
  });

  it("runs a stage without the stage it builds on only to fail with a clear message", async () => {
    const cwd = await project();
    const run = await mini(["--exclude-stage", "02-network", "deploy"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      'error: Stage "03-apps" failed to deploy: 03-apps needs the outputs of stage "02-network" (is it excluded, or did it not run?)',
    );
  });

  it("does not bring back a shadowed stage when the overriding one is excluded", async () => {
    const cwd = await project();
    const run = await mini(["--exclude-stage", "02-network", "info"], { cwd });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toMatch(/^ +(20|25) +02-network/m);
    expect(run.stdout).toMatch(/Shadowed:\n {2}02-network {2}priority 20 from builtin:stages/);
    expect(run.stdout).toMatch(/Excluded:\n {2}02-network {2}from nebari-plugin-local-tls {2}--exclude-stage 02-network\n/);
  });

  it("rejects an invalid regular expression before anything runs", async () => {
    const cwd = await project();
    const run = await mini(["--exclude-stage", "(", "deploy"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      'error: Invalid stage exclusion pattern "(" (excludeStages[0]): Invalid regular expression: /(/: Unterminated group [HOOKSMITH_INVALID_EXCLUDE_PATTERN]\n',
    );
  });
});

describe("--exclude-default-stages", { timeout: cliTimeout }, () => {
  it("leaves out every built-in stage and keeps the plugins' stages", async () => {
    const cwd = await project(plugins);
    const info = await mini(["--exclude-default-stages", "--import-plugin", "./plugins/solo.ts", "info"], {
      cwd,
      ...builtinOnly,
    });
    expect(info.exitCode).toBe(0);
    expect(info.stdout).toMatch(
      /Stage order:\n {2}priority +stage +plugin +source\n {2}5 +solo +\.\/plugins\/solo\.ts +import\n\n/,
    );
    for (const stage of ["01-state", "02-network", "03-apps"]) {
      expect(info.stdout).toMatch(new RegExp(`^ {2}${stage} +from builtin:stages {2}--exclude-default-stages$`, "m"));
    }

    const deploy = await mini(["--exclude-default-stages", "--import-plugin", "./plugins/solo.ts", "deploy", "-c", "solo.yaml"], {
      cwd: await project({ ...plugins, "solo.yaml": "project_name: solo\n" }),
      ...builtinOnly,
    });
    expect(deploy.exitCode).toBe(0);
    expect(deploy.stdout).toContain("Deploying 1 stages:");
    expect(deploy.stdout).toMatch(/✓ \[1\/1\] solo: deploy/);
  });

  it("leaves out the built-in 02-network but keeps the installed override of it", async () => {
    const cwd = await project();
    const run = await mini(["--exclude-default-stages", "info"], { cwd });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/25 +02-network +nebari-plugin-local-tls +entrypoint/);
  });
});
