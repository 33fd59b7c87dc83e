// The two-phase start of a commander CLI embedding the preset: --import-plugin values are found
// and imported before the command tree is built, so imported plugins add subcommands (Nebari's
// could not). Plugins are real .js / .ts files and a package subpath on disk.
import { Command } from "commander";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { PluginLoadError } from "hooksmith";
import { hookimpl, NebariPluginManager, scanStartupArgs, SubcommandConflictError, type SubcommandCli } from "hooksmith/nebari";
import { makeTree, removeTrees, runCli, stage, stagePlugin, type CliRun } from "./helpers.ts";

afterAll(removeTrees);

interface Log {
  hooksmithCliLog?: string[];
}
const log = (): string[] => ((globalThis as Log).hooksmithCliLog ??= []);
beforeEach(() => {
  (globalThis as Log).hooksmithCliLog = [];
});

let root: string | undefined;
async function plugins(): Promise<string> {
  root ??= await makeTree({
    "plugins/hello.js": `import { hookimpl, NebariStage } from "hooksmith/nebari";
class JsStage extends NebariStage { static stageName = "js_stage"; static priority = 60; }
export const nebari_stage = hookimpl(() => [JsStage]);
export const nebari_subcommand = hookimpl(({ cli }) => {
  cli.command("hello", (command) =>
    command
      .description("Say hello (from a .js plugin)")
      .option("--name <name>", "who to greet", "Nebari")
      .action(({ name }) => globalThis.hooksmithCliLog.push("Hello " + name)),
  );
});
`,
    "plugins/typed.ts": `import type { Command } from "commander";
import { hookimpl, NebariStage, type SubcommandCli } from "hooksmith/nebari";
class TsStage extends NebariStage { static override stageName: string = "ts_stage"; static override priority: number = 70; }
export const nebari_stage = hookimpl(() => [TsStage]);
export const nebari_subcommand = hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
  cli.command("typed", (command: Command) =>
    command.description("Added by a .ts plugin").action(() => (globalThis as { hooksmithCliLog?: string[] }).hooksmithCliLog?.push("typed ran")),
  );
});
`,
    "plugins/takeover.js": `import { hookimpl } from "hooksmith/nebari";
export const nebari_subcommand = hookimpl(({ cli }) => cli.command("stages", (command) => command.action(() => {})));
`,
    "packages/acme/package.json": { name: "acme-nebari", version: "2.0.0", type: "module", exports: { "./extra": "./extra.js" } },
    "packages/acme/extra.js": `import { hookimpl } from "hooksmith/nebari";
export const nebari_subcommand = hookimpl(({ cli }) => {
  cli.command("acme", (command) => command.description("Added by acme-nebari/extra").action(() => globalThis.hooksmithCliLog.push("acme ran")));
});
`,
    "node_modules/acme-nebari": { symlink: "../packages/acme" },
  });
  return root;
}

/** The host's own commands, as a built-in subcommand plugin: `stages` prints the run order. */
function builtinCommands(host: { nebari?: NebariPluginManager<SubcommandCli<Command>>; program?: Command }): object {
  return {
    nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
      cli.command("stages", (command) =>
        command.description("Print the stage order").action(async () => {
          const options = host.program!.opts<{ excludeStage: string[]; excludeDefaultStages?: boolean }>();
          const run = await host.nebari!.snapshotStages({
            excludeStages: options.excludeStage,
            excludeDefaultStages: options.excludeDefaultStages === true,
          });
          log().push(run.plan.order.map(({ name, source }) => `${name}@${source}`).join(" "));
        }),
      );
    }),
  };
}

/**
 * Starts the CLI the two-phase way: scan argv, load plugins, then build the command tree and
 * parse argv with it.
 */
async function start(argv: string[]): Promise<CliRun & { nebari: NebariPluginManager<SubcommandCli<Command>> }> {
  const cwd = await plugins();
  // Phase 1: the options that decide which plugins load, before any command exists.
  const startup = scanStartupArgs(argv);
  const host: { nebari?: NebariPluginManager<SubcommandCli<Command>>; program?: Command } = {};
  const nebari = new NebariPluginManager<SubcommandCli<Command>>({
    cwd,
    defaultPlugins: { "builtin:commands": builtinCommands(host), "builtin:stages": stagePlugin([stage("bootstrap", 0)]).plugin },
  });
  await nebari.loadPlugins({ entryPoints: false, importPlugins: startup.importPlugins });
  nebari.checkPending();
  // Phase 2: the command tree, with every plugin's subcommands, then the real parse.
  const collect = (value: string, previous: string[]): string[] => [...previous, value];
  const program = new Command("mini-nebari")
    .option("--import-plugin <plugin>", "import a plugin (a file or a package specifier)", collect, [])
    .option("--exclude-stage <pattern>", "leave out stages whose whole name matches", collect, [])
    .option("--exclude-default-stages", "leave out the built-in stages");
  (await nebari.collectSubcommands()).mount(program);
  Object.assign(host, { nebari, program });
  return { ...(await runCli(program, argv)), nebari };
}

describe("a two-phase commander CLI", () => {
  it("lists the subcommands of plugins imported from a .js file, a .ts file and a package subpath in --help", async () => {
    const run = await start([
      "--import-plugin",
      "./plugins/hello.js",
      "--import-plugin=./plugins/typed.ts",
      "--import-plugin",
      "acme-nebari/extra",
      "--help",
    ]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/stages\s+Print the stage order/);
    expect(run.stdout).toMatch(/hello \[options\]\s+Say hello \(from a \.js plugin\)/);
    expect(run.stdout).toMatch(/typed\s+Added by a \.ts plugin/);
    expect(run.stdout).toMatch(/acme\s+Added by acme-nebari\/extra/);
    expect(run.nebari.listPlugins().map(({ name, source, packageName }) => [name, source, packageName])).toEqual([
      ["builtin:commands", "builtin", undefined],
      ["builtin:stages", "builtin", undefined],
      ["./plugins/hello.js", "import", undefined],
      ["./plugins/typed.ts", "import", undefined],
      ["acme-nebari/extra", "import", "acme-nebari"],
    ]);
  });

  it("runs an imported plugin's subcommand with its options", async () => {
    for (const argv of [
      ["--import-plugin", "./plugins/hello.js", "hello", "--name", "Ada"],
      ["hello", "--import-plugin", "./plugins/hello.js"],
      ["--import-plugin", "./plugins/typed.ts", "typed"],
      ["--import-plugin", "acme-nebari/extra", "acme"],
    ]) {
      const run = await start(argv);
      expect(run.exitCode, argv.join(" ")).toBe(0);
    }
    expect(log()).toEqual(["Hello Ada", "Hello Nebari", "typed ran", "acme ran"]);
  });

  it("has no such subcommand without the option", async () => {
    const run = await start(["hello"]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("unknown command 'hello'");
  });

  it("adds the imported plugins' stages to the run, and applies the stage options", async () => {
    await start(["--import-plugin", "./plugins/hello.js", "--import-plugin", "./plugins/typed.ts", "stages"]);
    await start([
      "--import-plugin",
      "./plugins/hello.js",
      "--import-plugin=./plugins/typed.ts",
      "--exclude-stage",
      "js_.*",
      "--exclude-default-stages",
      "stages",
    ]);
    expect(log()).toEqual([
      "bootstrap@builtin:stages js_stage@./plugins/hello.js ts_stage@./plugins/typed.ts",
      "ts_stage@./plugins/typed.ts",
    ]);
  });

  it("fails before building the command tree when an imported plugin is missing, naming it", async () => {
    const error = await start(["--import-plugin", "./plugins/missing.js", "--help"]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PluginLoadError);
    expect(error).toMatchObject({ code: "HOOKSMITH_PLUGIN_NOT_FOUND", pluginName: "./plugins/missing.js" });
    expect((error as Error).message).toMatch(
      /^Cannot load plugin "\.\/plugins\/missing\.js" \(.*missing\.js\): file .* does not exist$/,
    );

    const missingPackage = await start(["--import-plugin", "acme-nebari/nope", "--help"]).catch((caught: unknown) => caught);
    expect(missingPackage).toMatchObject({ code: "HOOKSMITH_PLUGIN_NOT_FOUND", pluginName: "acme-nebari/nope" });
  });

  it("imports a plugin given twice, in two spellings, once", async () => {
    const run = await start(["--import-plugin", "./plugins/hello.js", "--import-plugin", "plugins/hello.js", "hello"]);
    expect(run.exitCode).toBe(0);
    expect(
      run.nebari
        .listPlugins()
        .filter(({ source }) => source === "import")
        .map(({ name }) => name),
    ).toEqual(["./plugins/hello.js"]);
    expect(log()).toEqual(["Hello Nebari"]);
  });

  it("reports an imported plugin whose subcommand collides with a built-in one", async () => {
    const error = await start(["--import-plugin", "./plugins/takeover.js", "stages"]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SubcommandConflictError);
    expect((error as SubcommandConflictError).conflicts).toEqual([
      { kind: "command", name: "stages", path: [], plugins: ["builtin:commands", "./plugins/takeover.js"] },
    ]);
  });
});
