// What a mini-nebari user sees when something is wrong: a bad config, a broken plugin (installed
// or imported), a plugin whose subcommand or stage collides with another, a misspelt hook. Each
// is one message naming the culprit and exit code 1, never a stack trace.
import { afterAll, describe, expect, it } from "vitest";
import { cliTimeout, mini, project, removeProjects, validConfig } from "./helpers.ts";

afterAll(removeProjects);

const builtinOnly = { autoload: false } as const;

describe("a bad config", { timeout: cliTimeout }, () => {
  it("lists every issue with the stage that reported it and where it is", async () => {
    const cwd = await project({
      "mini-nebari-config.yaml": `project_name: Demo
network:
  port: 99999
  extra: 1
apps: []
`,
    });
    const run = await mini(["validate"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`error: Invalid config (4 issues):
  - stage "mini-nebari" at project_name: use 2 to 31 lowercase letters, digits and dashes, starting with a letter
  - stage "02-network" at network.port: Too big: expected number to be <=65535
  - stage "02-network" at network: Unrecognized key: "extra"
  - stage "03-apps" at apps: Too small: expected array to have >=1 items [HOOKSMITH_INVALID_CONFIG]
`);
  });

  it("is checked by the schema of the stage that runs: the installed override checks network with valibot", async () => {
    const cwd = await project({ "mini-nebari-config.yaml": "project_name: demo\nnetwork:\n  token_bytes: 8\n" });
    const builtin = await mini(["validate"], { cwd, ...builtinOnly });
    expect(builtin.stderr).toContain('stage "02-network" at network: Unrecognized key: "token_bytes"');
    const override = await mini(["validate"], { cwd });
    expect(override.stderr).toContain('stage "02-network" at network.token_bytes: Invalid value: Expected >=16 but received 8');
  });

  it("refuses a deploy before any stage runs", async () => {
    const cwd = await project({ "mini-nebari-config.yaml": "project_name: demo\napps:\n  - name: Hub\n" });
    const run = await mini(["deploy"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^error: Invalid config \(1 issue\):\n {2}- stage "03-apps" at apps\[0\]\.name: a lowercase name \[HOOKSMITH_INVALID_CONFIG\]\n$/,
    );
  });

  it("warns about a top-level key that no stage owns, and goes on", async () => {
    const cwd = await project({ "mini-nebari-config.yaml": `${validConfig}mlflow:\n  enabled: true\n` });
    const run = await mini(["validate"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe(
      'warning: Config key "mlflow" is owned by no active stage; it is kept as it is, without validation\n',
    );
  });

  it("reports a missing file, invalid YAML and a config that is not a mapping", async () => {
    const cwd = await project({ "broken.yaml": "apps: [\n", "list.yaml": "- a\n- b\n" });
    const missing = await mini(["validate"], { cwd, ...builtinOnly });
    expect(missing).toMatchObject({
      exitCode: 1,
      stderr: "error: config file mini-nebari-config.yaml not found (pass -c <file>, or create mini-nebari-config.yaml)\n",
    });
    const yaml = await mini(["render", "-c", "broken.yaml"], { cwd, ...builtinOnly });
    expect(yaml.exitCode).toBe(1);
    expect(yaml.stderr).toMatch(/^error: config file broken\.yaml is not valid YAML: .* at line 2, column 1:\n$/);
    const list = await mini(["validate", "-c", "list.yaml"], { cwd, ...builtinOnly });
    expect(list.exitCode).toBe(1);
    expect(list.stderr).toContain("the config must be an object");
  });
});

/** An installed plugin package that throws while loading, and a good one next to it. */
const installedPlugins = {
  "mini-nebari-config.yaml": validConfig,
  "packages/broken/package.json": JSON.stringify({
    name: "nebari-plugin-broken",
    version: "1.2.3",
    type: "module",
    entryPoints: { nebari: { "nebari-plugin-broken": "./index.js" } },
  }),
  "packages/broken/index.js": 'throw new Error("this plugin is broken");\n',
  "packages/extra/package.json": JSON.stringify({
    name: "nebari-plugin-extra",
    version: "3.0.0",
    type: "module",
    entryPoints: { nebari: { "nebari-plugin-extra": "./index.js" } },
  }),
  "packages/extra/index.js": `import { hookimpl, NebariStage } from "hooksmith/nebari";
class ExtraStage extends NebariStage {
  static stageName = "05-extra";
  static priority = 50;
}
export const nebari_stage = hookimpl(() => [ExtraStage]);
`,
  "node_modules/nebari-plugin-broken": { symlink: "../packages/broken" },
  "node_modules/nebari-plugin-extra": { symlink: "../packages/extra" },
};

describe("a broken plugin", { timeout: cliTimeout }, () => {
  it("installed: is skipped with a warning naming it, and every command still works", async () => {
    const cwd = await project(installedPlugins);
    const info = await mini(["info"], { cwd, ...builtinOnly, autoload: true });
    expect(info.exitCode).toBe(0);
    expect(info.stderr).toMatch(
      /^warning: Cannot load plugin "nebari-plugin-broken" from package "nebari-plugin-broken" \(.*index\.js\): the module threw while loading: this plugin is broken\n/,
    );
    // The good plugin next to it, found from the working directory, is loaded.
    expect(info.stdout).toMatch(/50 +05-extra +nebari-plugin-extra +entrypoint/);

    const version = await mini(["--version"], { cwd });
    expect(version.exitCode).toBe(0);

    const list = await mini(["plugin", "list"], { cwd });
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toMatch(/nebari-plugin-extra +entrypoint +nebari-plugin-extra +3\.0\.0 +\S+\/packages\/extra\/index\.js/);
    expect(list.stdout).toMatch(/Not loaded \(1\):\n {2}nebari-plugin-broken {2}Cannot load plugin "nebari-plugin-broken"/);
  });

  it("imported: stops the command with an error naming it", async () => {
    const cwd = await project({
      "mini-nebari-config.yaml": validConfig,
      "plugins/broken.ts": 'throw new Error("broken at import");\nexport {};\n',
    });
    const broken = await mini(["--import-plugin", "./plugins/broken.ts", "info"], { cwd, ...builtinOnly });
    expect(broken.exitCode).toBe(1);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toMatch(
      /^error: Cannot load plugin "\.\/plugins\/broken\.ts" \(.*broken\.ts\): the module threw while loading: broken at import \[HOOKSMITH_PLUGIN_IMPORT_FAILED\]\n$/,
    );

    const missing = await mini(["--import-plugin", "./plugins/missing.ts", "--help"], { cwd, ...builtinOnly });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(
      /^error: Cannot load plugin "\.\/plugins\/missing\.ts" .*does not exist \[HOOKSMITH_PLUGIN_NOT_FOUND\]\n$/,
    );
  });

  it("that never finishes loading: is named once the plugin timeout has passed, and the command ends", async () => {
    const cwd = await project({
      "mini-nebari-config.yaml": validConfig,
      // Top-level code awaiting what never settles; the interval would also keep Node alive.
      "plugins/stuck.mjs": "setInterval(() => {}, 1000);\nawait new Promise(() => {});\nexport const never = true;\n",
    });
    const started = Date.now();
    const imported = await mini(["--import-plugin", "./plugins/stuck.mjs", "info"], {
      cwd,
      ...builtinOnly,
      env: { MINI_NEBARI_PLUGIN_TIMEOUT: "500" },
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(imported.exitCode).toBe(1);
    expect(imported.stdout).toBe("");
    expect(imported.stderr).toMatch(
      /^error: Cannot load plugin "\.\/plugins\/stuck\.mjs" \(.*stuck\.mjs\): the module did not finish loading within 500 ms \(does its top-level code await something that never settles\?\) \[HOOKSMITH_PLUGIN_IMPORT_TIMEOUT\]\n$/,
    );
  });

  it("refuses a plugin timeout that is not a positive number of milliseconds", async () => {
    const cwd = await project();
    const run = await mini(["info"], { cwd, ...builtinOnly, env: { MINI_NEBARI_PLUGIN_TIMEOUT: "soon" } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('error: MINI_NEBARI_PLUGIN_TIMEOUT must be a positive number of milliseconds, got "soon"\n');
  });

  it("installed and never finishing to load: is skipped with a warning naming it once the timeout has passed", async () => {
    const cwd = await project({
      "mini-nebari-config.yaml": validConfig,
      "node_modules/nebari-plugin-stuck/package.json": JSON.stringify({
        name: "nebari-plugin-stuck",
        version: "1.0.0",
        type: "module",
        entryPoints: { nebari: { "nebari-plugin-stuck": "./index.js" } },
      }),
      "node_modules/nebari-plugin-stuck/index.js": "await new Promise(() => {});\n",
    });
    const info = await mini(["info"], { cwd, env: { MINI_NEBARI_PLUGIN_TIMEOUT: "500" } });
    expect(info.exitCode).toBe(0);
    expect(info.stderr).toMatch(
      /^warning: Cannot load plugin "nebari-plugin-stuck" from package "nebari-plugin-stuck" \(.*index\.js\): the module did not finish loading within 500 ms/,
    );
  });

  it("that exports a function named then is not broken: it loads and its stage runs", async () => {
    const cwd = await project({
      "mini-nebari-config.yaml": validConfig,
      "plugins/thenable.mjs": `import { hookimpl, NebariStage } from "hooksmith/nebari";
class ThenableStage extends NebariStage { static stageName = "04-thenable"; static priority = 40; }
export function then() {}
export const nebari_stage = hookimpl(() => [ThenableStage]);
`,
    });
    const info = await mini(["--import-plugin", "./plugins/thenable.mjs", "info"], { cwd, ...builtinOnly });
    expect(info.stderr).toBe("");
    expect(info.exitCode).toBe(0);
    expect(info.stdout).toMatch(/40 +04-thenable +\.\/plugins\/thenable\.mjs/);
  });

  it("with a misspelt hook name is refused at start", async () => {
    const cwd = await project({
      "plugins/typo.ts":
        'import { hookimpl, type NebariStageHookResult } from "hooksmith/nebari";\nexport const nebari_stages = hookimpl((): NebariStageHookResult => []);\n',
    });
    const run = await mini(["--import-plugin", "./plugins/typo.ts", "info"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      "error: unknown hook 'nebari_stages' in plugin <module> (registered as './plugins/typo.ts') [HOOKSMITH_UNKNOWN_HOOK]\n",
    );
  });

  it("whose stage fails to deploy: the stages before it unwind, and the error names the stage", async () => {
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
    const run = await mini(["--import-plugin", "./plugins/failing.ts", "deploy"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("✓ [3/4] 03-apps: check");
    expect(run.stdout).toContain("✗ [4/4] 04-failing: deploy failed: disk full");
    expect(run.stderr).toBe('error: Stage "04-failing" failed to deploy: disk full [HOOKSMITH_STAGE_FAILED]\n');
  });
});

describe("a name collision", { timeout: cliTimeout }, () => {
  it("between a plugin's subcommand and a built-in command is an error naming both plugins", async () => {
    const cwd = await project({
      "plugins/takeover.ts": `import type { Command } from "commander";
import { hookimpl, type SubcommandCli } from "hooksmith/nebari";
export const nebari_subcommand = hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
  cli.command("deploy", (command) => command.description("my own deploy").action(() => console.log("taken over")));
});
`,
    });
    const run = await mini(["--import-plugin", "./plugins/takeover.ts", "deploy"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      'error: Subcommand name collision: subcommand "deploy" is added by plugins "builtin:commands" and "./plugins/takeover.ts"; rename one, remove a plugin, or pass { override: true } in the one that should replace the others [HOOKSMITH_SUBCOMMAND_CONFLICT]\n',
    );
  });

  it("between two stages of the same name and priority is an error naming both", async () => {
    const cwd = await project({
      "plugins/apps.ts": `import { hookimpl, NebariStage } from "hooksmith/nebari";
class MyAppsStage extends NebariStage {
  static override stageName = "03-apps";
  static override priority = 30;
}
export const nebari_stage = hookimpl(() => [MyAppsStage]);
`,
    });
    const run = await mini(["--import-plugin", "./plugins/apps.ts", "info"], { cwd, ...builtinOnly });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'error: Stage conflict: two stages named "03-apps" have priority 30: AppsStage (plugin "builtin:stages", index 2) and MyAppsStage (plugin "./plugins/apps.ts", index 3); give the one that should win a higher priority, or remove one [HOOKSMITH_STAGE_CONFLICT]\n',
    );
  });
});
