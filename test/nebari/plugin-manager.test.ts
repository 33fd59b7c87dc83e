// NebariPluginManager: what Nebari's NebariPluginManager did, in one non-singleton object, with
// real plugin files and packages on disk.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  createNebariPluginManager,
  hookimpl,
  NebariPluginManager,
  NebariStage,
  PluginHookError,
  type StageOutputs,
} from "hooksmith/nebari";
import {
  PluginLoadError,
  PluginValidationError,
  StageAbortError,
  StageConfigError,
  StageDefinitionError,
  StageError,
  type StageProgressEvent,
} from "hooksmith";
import { makeTree, names, removeTrees, stage, stagePlugin, tempDirectory, warnings } from "./helpers.ts";

afterAll(removeTrees);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function outputDirectory(): Promise<string> {
  const { path, remove } = await tempDirectory();
  cleanups.push(remove);
  return path;
}

/** The source of an ES module plugin contributing one stage `name` at `priority`. */
function stageModule(name: string, priority: number): string {
  return `import { hookimpl, NebariStage } from "hooksmith/nebari";
export class PluginStage extends NebariStage {
  static stageName = ${JSON.stringify(name)};
  static priority = ${priority};
}
export const nebari_stage = hookimpl(() => [PluginStage]);
`;
}

/**
 * A folder with installed plugin packages, linked into node_modules as npm workspaces link
 * them: `hello` (entry point "nebari-stage-hello-world"), `broken` (throws while loading),
 * and a plain file plugin with and without a package.json around it.
 */
async function pluginTree(): Promise<string> {
  return makeTree({
    "packages/hello/package.json": {
      name: "nebari-stage-hello-world",
      version: "0.1.0",
      type: "module",
      entryPoints: { nebari: { "nebari-stage-hello-world": "./plugin.js" } },
    },
    "packages/hello/plugin.js": stageModule("hello_world", 50),
    "packages/broken/package.json": {
      name: "nebari-broken",
      version: "9.9.9",
      type: "module",
      entryPoints: { nebari: { "nebari-broken": "./plugin.js" } },
    },
    "packages/broken/plugin.js": `throw new Error("broken at import");\n`,
    "packages/other-group/package.json": {
      name: "not-for-nebari",
      version: "1.0.0",
      type: "module",
      entryPoints: { example: { other: "./plugin.js" } },
    },
    "packages/other-group/plugin.js": `export const x = 1;\n`,
    "node_modules/nebari-stage-hello-world": { symlink: "../packages/hello" },
    "node_modules/nebari-broken": { symlink: "../packages/broken" },
    "node_modules/not-for-nebari": { symlink: "../packages/other-group" },
    "local/package.json": { name: "my-local-plugins", version: "3.2.1", type: "module" },
    "local/file-plugin.js": stageModule("file_stage", 50),
    "loose.mjs": stageModule("loose_stage", 50),
  });
}

describe("NebariPluginManager", () => {
  it("is not a singleton: every manager has its own plugins", () => {
    const first = new NebariPluginManager({ defaultPlugins: { core: stagePlugin([stage("core", 1)]).plugin } });
    const second = createNebariPluginManager();
    expect(second).toBeInstanceOf(NebariPluginManager);
    expect(first.hasPlugin("core")).toBe(true);
    expect(second.hasPlugin("core")).toBe(false);
    expect(first.hook.nebari_stage.hasSpec() && second.hook.nebari_stage.hasSpec()).toBe(true);
  });

  it("registers the default plugins first, in order, and remembers them as built-in", () => {
    const stages = stagePlugin([stage("bootstrap", 0)]).plugin;
    const commands = { nebari_subcommand: hookimpl(() => undefined) };
    const nebari = new NebariPluginManager({
      defaultPlugins: new Map<string, object>([
        ["builtin:stages", stages],
        ["builtin:commands", commands],
      ]),
    });
    nebari.register(stagePlugin([]).plugin, "external");
    expect(nebari.listNamePlugin().map(([name]) => name)).toEqual(["builtin:stages", "builtin:commands", "external"]);
    expect([
      nebari.isBuiltin("builtin:stages"),
      nebari.isBuiltin(commands),
      nebari.isBuiltin("external"),
      nebari.isBuiltin("missing"),
    ]).toEqual([true, true, false, false]);
  });

  it("rejects default plugins that are not name and plugin pairs", () => {
    expect(() => new NebariPluginManager({ defaultPlugins: [["ok", {}], ["broken"]] as never })).toThrow(
      "defaultPlugins entry 1 must be a name and a plugin object",
    );
  });

  it("rejects an implementation declaring an argument its spec does not have", () => {
    const nebari = new NebariPluginManager();
    const confused = { nebari_stage: hookimpl(({ config }: { config: unknown }) => [config]) };
    // @ts-expect-error -- the typed manager refuses it at compile time too: nebari_stage takes no argument
    expect(() => nebari.register(confused, "confused")).toThrow(PluginValidationError);
  });

  it("reports a misspelt hook name through checkPending, naming the plugin and the hook", () => {
    const nebari = new NebariPluginManager();
    // @ts-expect-error -- the typed manager refuses it at compile time too: no hook is named nebari_stages
    nebari.register({ nebari_stages: hookimpl(() => [stage("lost", 1)]) }, "typo-plugin");
    expect(() => nebari.checkPending()).toThrow(PluginValidationError);
    try {
      nebari.checkPending();
    } catch (error) {
      expect(error).toMatchObject({ code: "HOOKSMITH_UNKNOWN_HOOK", pluginName: "typo-plugin", hookName: "nebari_stages" });
    }
    expect(nebari.listHooks().map(({ name, hasSpec, plugins }) => [name, hasSpec, plugins])).toEqual([
      ["nebari_stage", true, []],
      ["nebari_subcommand", true, []],
      ["nebari_stages", false, ["typo-plugin"]],
    ]);
  });
});

describe("NebariPluginManager.loadPlugins", () => {
  it("loads installed plugins of group nebari, skipping and reporting a broken one", async () => {
    const root = await pluginTree();
    const { warn, list } = warnings();
    const nebari = new NebariPluginManager({ cwd: root, warn });
    const report = await nebari.loadPlugins();
    expect(report.entryPoints).toEqual(["nebari-stage-hello-world"]);
    expect(report.imported).toEqual([]);
    expect(report.failures.map((failure) => [failure.code, failure.pluginName, failure.packageName])).toEqual([
      ["HOOKSMITH_PLUGIN_IMPORT_FAILED", "nebari-broken", "nebari-broken"],
    ]);
    expect(report.failures[0]!.message).toContain("broken at import");
    expect(list).toEqual(report.failures);
    expect(nebari.hasPlugin("other")).toBe(false);
  });

  it("loads no installed plugin with entryPoints: false", async () => {
    const root = await pluginTree();
    const nebari = new NebariPluginManager({ cwd: root });
    const report = await nebari.loadPlugins({ entryPoints: false, importPlugins: ["./loose.mjs"] });
    expect(report).toEqual({ entryPoints: [], imported: ["./loose.mjs"], failures: [] });
    expect(nebari.listNamePlugin().map(([name]) => name)).toEqual(["./loose.mjs"]);
  });

  it("registers built-ins, then installed plugins, then imported ones, which orders stages of equal priority", async () => {
    const root = await pluginTree();
    const nebari = new NebariPluginManager({
      cwd: root,
      defaultPlugins: { builtin: stagePlugin([stage("builtin_stage", 50)]).plugin },
      warn: () => undefined,
    });
    await nebari.loadPlugins({ importPlugins: ["./local/file-plugin.js", "./loose.mjs"] });
    const run = await nebari.snapshotStages();
    expect(run.plan.order.map(({ name, source }) => `${name} (${source})`)).toEqual([
      "builtin_stage (builtin)",
      "hello_world (nebari-stage-hello-world)",
      "file_stage (./local/file-plugin.js)",
      "loose_stage (./loose.mjs)",
    ]);
  });

  it("rejects a missing imported plugin with an error naming it", async () => {
    const root = await pluginTree();
    const nebari = new NebariPluginManager({ cwd: root });
    const error = await nebari
      .loadPlugins({ entryPoints: false, importPlugins: ["./loose.mjs", "./nowhere.js"] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PluginLoadError);
    expect(error).toMatchObject({ code: "HOOKSMITH_PLUGIN_NOT_FOUND", pluginName: "./nowhere.js" });
    expect((error as Error).message).toContain('Cannot load plugin "./nowhere.js"');
    expect(nebari.hasPlugin("./loose.mjs")).toBe(true);
  });

  it("imports a plugin that is already registered only once, under its first name", async () => {
    const root = await pluginTree();
    const nebari = new NebariPluginManager({ cwd: root });
    const report = await nebari.loadPlugins({
      entryPoints: false,
      importPlugins: ["./loose.mjs", "loose.mjs", join(root, "loose.mjs")],
    });
    expect(report.imported).toEqual(["./loose.mjs", "./loose.mjs", "./loose.mjs"]);
    expect(nebari.getPlugins().size).toBe(1);
    expect(names((await nebari.snapshotStages()).stages)).toEqual(["loose_stage"]);
  });

  it("lists every plugin with its source, package, version and file, file plugins included", async () => {
    const root = await pluginTree();
    const nebari = new NebariPluginManager({
      cwd: root,
      defaultPlugins: { "builtin:stages": stagePlugin([]).plugin },
      warn: () => undefined,
    });
    await nebari.loadPlugins({ importPlugins: ["./local/file-plugin.js", "./loose.mjs"] });
    nebari.register({ nebari_subcommand: hookimpl(() => undefined) }, "registered-by-hand");
    expect(nebari.listPlugins()).toEqual([
      {
        name: "builtin:stages",
        source: "builtin",
        packageName: undefined,
        version: undefined,
        path: undefined,
        specifier: undefined,
        hooks: ["nebari_stage"],
      },
      {
        name: "nebari-stage-hello-world",
        source: "entrypoint",
        packageName: "nebari-stage-hello-world",
        version: "0.1.0",
        path: join(root, "packages/hello/plugin.js"),
        specifier: "./plugin.js",
        hooks: ["nebari_stage"],
      },
      {
        name: "./local/file-plugin.js",
        source: "import",
        packageName: "my-local-plugins",
        version: "3.2.1",
        path: join(root, "local/file-plugin.js"),
        specifier: "./local/file-plugin.js",
        hooks: ["nebari_stage"],
      },
      {
        name: "./loose.mjs",
        source: "import",
        packageName: undefined,
        version: undefined,
        path: join(root, "loose.mjs"),
        specifier: "./loose.mjs",
        hooks: ["nebari_stage"],
      },
      {
        name: "registered-by-hand",
        source: "register",
        packageName: undefined,
        version: undefined,
        path: undefined,
        specifier: undefined,
        hooks: ["nebari_subcommand"],
      },
    ]);
    const run = await nebari.snapshotStages();
    expect(
      run.plan.order.map(({ name, priority, contributor }) => [name, priority, contributor.name, contributor.source]),
    ).toEqual([
      ["hello_world", 50, "nebari-stage-hello-world", "entrypoint"],
      ["file_stage", 50, "./local/file-plugin.js", "import"],
      ["loose_stage", 50, "./loose.mjs", "import"],
    ]);
  });
});

describe("NebariPluginManager.snapshotStages", () => {
  it("calls every nebari_stage implementation exactly once per run, and never again for that run", async () => {
    const out = await outputDirectory();
    const builtin = stagePlugin([stage("bootstrap", 0)]);
    const hello = stagePlugin([stage("hello", 100)]);
    const nebari = new NebariPluginManager({ defaultPlugins: { builtin: builtin.plugin } });
    nebari.register(hello.plugin, "hello-plugin");

    const run = await nebari.snapshotStages();
    expect([builtin.calls(), hello.calls()]).toEqual([1, 1]);
    const { config } = await run.validateConfig({});
    await run.render({ config, outputDirectory: out });
    await run.deploy({ config, outputDirectory: out });
    await run.destroy({ config, outputDirectory: out });
    expect([builtin.calls(), hello.calls()]).toEqual([1, 1]);

    await nebari.snapshotStages();
    expect([builtin.calls(), hello.calls()]).toEqual([2, 2]);
  });

  it("is a snapshot: plugins registered afterwards do not change it", async () => {
    const nebari = new NebariPluginManager();
    nebari.register(stagePlugin([stage("a", 1)]).plugin, "a-plugin");
    const run = await nebari.snapshotStages();
    nebari.register(stagePlugin([stage("b", 2)]).plugin, "b-plugin");
    nebari.unregister(undefined, "a-plugin");
    expect(names(run.stages)).toEqual(["a"]);
    expect(Object.isFrozen(run.stages)).toBe(true);
    expect(names((await nebari.snapshotStages()).stages)).toEqual(["b"]);
  });

  it("leaves out the built-in stages with excludeDefaultStages, though the built-ins are loaded", async () => {
    const builtinInfra = stage("02-infrastructure", 20);
    const nebari = new NebariPluginManager({
      defaultPlugins: { "builtin:stages": stagePlugin([stage("bootstrap", 0), builtinInfra]).plugin },
    });
    const myInfra = stage("02-infrastructure", 15);
    nebari.register(stagePlugin([myInfra]).plugin, "my-infra");

    const everything = await nebari.snapshotStages();
    expect(everything.stages).toEqual([everything.plan.order[0]!.stage, builtinInfra]);
    expect(everything.plan.shadowed.map(({ source }) => source)).toEqual(["my-infra"]);

    const run = await nebari.snapshotStages({ excludeDefaultStages: true });
    expect(run.stages).toEqual([myInfra]);
    expect(run.plan.excluded.map(({ name, reason, contributor }) => [name, reason, contributor.source])).toEqual([
      ["bootstrap", "source", "builtin"],
      ["02-infrastructure", "source", "builtin"],
    ]);
    expect(nebari.hasPlugin("builtin:stages")).toBe(true);
  });

  it("excludes stages by pattern and by plugin, and passes plan warnings to warn", async () => {
    const { warn, list } = warnings();
    const nebari = new NebariPluginManager({ warn });
    nebari.register(stagePlugin([stage("02-infrastructure", 20), stage("10-kuberhealthy", 100)]).plugin, "builtin");
    nebari.register(stagePlugin([stage("mlflow", 102)]).plugin, "mlflow-plugin");
    const run = await nebari.snapshotStages({ excludeStages: [".*kuberhealthy.*", "infra"], excludePlugins: ["mlflow-plugin"] });
    expect(names(run.stages)).toEqual(["02-infrastructure"]);
    expect(run.plan.excluded.map(({ name, reason }) => [name, reason])).toEqual([
      ["10-kuberhealthy", "pattern"],
      ["mlflow", "source"],
    ]);
    expect(list.map((warning) => (warning as { code?: string }).code)).toEqual(["HOOKSMITH_UNMATCHED_EXCLUDE_PATTERN"]);
    expect(run.plan.warnings).toEqual(list);
  });

  it("names the plugin whose nebari_stage returns something invalid", async () => {
    const nebari = new NebariPluginManager();
    nebari.register(stagePlugin(stage("lonely", 1)).plugin, "no-array");
    await expect(nebari.snapshotStages()).rejects.toBeInstanceOf(PluginHookError);

    const other = new NebariPluginManager();
    other.register(stagePlugin([stage("", 1)]).plugin, "nameless");
    const error = await other.snapshotStages().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StageDefinitionError);
    expect(error).toMatchObject({ source: "nameless", property: "stageName" });
  });
});

describe("NebariStageSnapshot", () => {
  class MlflowStage extends NebariStage {
    static override stageName = "mlflow";
    static override priority = 102;
    static override configKey = "mlflow";
    static override inputSchema = z.object({ enabled: z.boolean().default(false) }).default({ enabled: false });
  }
  const main = {
    stageName: "main",
    configKeys: ["project_name", "namespace"],
    inputSchema: z.object({ project_name: z.string(), namespace: z.string().default("dev") }),
  };

  it("checks the config against the host's owners and the stages of the run, with the host's unknown-keys policy", async () => {
    const nebari = new NebariPluginManager({ config: { owners: [main], unknownKeys: "error" } });
    nebari.register(stagePlugin([MlflowStage]).plugin, "mlflow-plugin");
    const run = await nebari.snapshotStages();
    await expect(run.validateConfig({ project_name: "demo" })).resolves.toEqual({
      config: { project_name: "demo", namespace: "dev", mlflow: { enabled: false } },
      warnings: [],
    });
    const error = await run.validateConfig({ mlflow: { enabled: "yes" }, extra: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StageConfigError);
    expect((error as StageConfigError).issues.map(({ stage: owner, path }) => [owner, path.join(".")])).toEqual([
      ["main", "project_name"],
      ["mlflow", "mlflow.enabled"],
      [undefined, "extra"],
    ]);
  });

  it("treats the section of an excluded stage by the policy, which a call may relax", async () => {
    const { warn, list } = warnings();
    const nebari = new NebariPluginManager({ config: { owners: [main], unknownKeys: "error" }, warn });
    nebari.register(stagePlugin([MlflowStage]).plugin, "mlflow-plugin");
    const run = await nebari.snapshotStages({ excludePlugins: ["mlflow-plugin"] });
    await expect(run.validateConfig({ project_name: "demo", mlflow: { enabled: true } })).rejects.toBeInstanceOf(
      StageConfigError,
    );
    const relaxed = await run.validateConfig({ project_name: "demo", mlflow: { enabled: true } }, { unknownKeys: "warn" });
    expect(relaxed.config["mlflow"]).toEqual({ enabled: true });
    expect(list.map((warning) => warning.message)).toEqual([
      'Config key "mlflow" is owned by no active stage; it is kept as it is, without validation',
    ]);
  });

  it("passes dryRun, disableChecks, onProgress and signal through to the flows", async () => {
    const out = await outputDirectory();
    const log: string[] = [];
    class Files extends NebariStage {
      static override stageName = "files";
      static override priority = 1;
      override render() {
        return { "a.txt": "a" };
      }
      override deploy(stageOutputs: StageOutputs) {
        stageOutputs[this.name] = { deployed: true };
      }
      override check() {
        return false;
      }
      override *destroy() {
        log.push("files:prepare");
        yield;
        log.push("files:destroy");
      }
    }
    const nebari = new NebariPluginManager();
    nebari.register(stagePlugin([Files]).plugin, "files-plugin");
    const run = await nebari.snapshotStages();

    expect(await run.render({ config: {}, outputDirectory: out, dryRun: true })).toMatchObject({ new: ["a.txt"] });
    expect(existsSync(join(out, "a.txt"))).toBe(false);
    await run.render({ config: {}, outputDirectory: out });
    expect(await readFile(join(out, "a.txt"), "utf8")).toBe("a");

    await expect(run.deploy({ config: {}, outputDirectory: out })).rejects.toBeInstanceOf(StageError);
    const events: StageProgressEvent[] = [];
    const outputs = await run.deploy({
      config: {},
      outputDirectory: out,
      disableChecks: true,
      onProgress: (event) => events.push(event),
    });
    expect(outputs).toEqual({ files: { deployed: true } });
    expect(events.map(({ type, phase, stage: name }) => `${type} ${phase} ${name}`)).toEqual([
      "start deploy files",
      "finish deploy files",
    ]);

    await expect(run.deploy({ config: {}, outputDirectory: out, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      StageAbortError,
    );
    await expect(run.destroy({ config: {}, outputDirectory: out, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      StageAbortError,
    );
    expect(log).toEqual([]);
    await expect(run.destroy({ config: {}, outputDirectory: out })).resolves.toEqual({ status: { files: true }, skipped: [] });
    expect(log).toEqual(["files:prepare", "files:destroy"]);
  });
});
