// mini-nebari: a small Nebari-like CLI embedding hooksmith/nebari.
//
// `createMiniNebari(options)` builds the whole program in two phases (plugins first, then the
// command tree with every plugin's subcommands) and is what the tests and `main` use.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import {
  isHooksmithError,
  lockOutputDirectory,
  profileHooks,
  StageError,
  type PluginLoadError,
  type PluginModuleOptions,
  type StageOutputs,
} from "hooksmith";
import {
  hookimpl,
  NebariPluginManager,
  scanStartupArgs,
  type NebariLoadReport,
  type NebariStageSnapshot,
  type SubcommandCli,
} from "hooksmith/nebari";
import * as builtinStages from "./builtin-stages.ts";
import { projectConfigOwner } from "./builtin-stages.ts";
import { DEFAULT_CONFIG_FILE, HostError, readConfigFile } from "./config-file.ts";
import { messageOf, processOutput, progressDisplay, table, type Output } from "./output.ts";
import { finishProfile, PROFILE_OPTION, profileOption, progressWithProfile, type RunProfile } from "./profile.ts";

/** The `cli` mini-nebari passes to `nebari_subcommand`: commands are commander `Command`s. */
export type MiniNebariCli = SubcommandCli<Command>;

/** mini-nebari's plugin manager type. */
export type MiniNebariPluginManager = NebariPluginManager<MiniNebariCli>;

/** The version printed by `--version` and `info`. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** The folder of the mini-nebari package: installed plugins are also searched from here. */
export const HOST_DIRECTORY: string = fileURLToPath(new URL("..", import.meta.url));

/**
 * The environment variable that switches the discovery of installed plugins off (as pytest's
 * `PYTEST_DISABLE_PLUGIN_AUTOLOAD`): only the built-ins and `--import-plugin` ones load.
 */
export const DISABLE_AUTOLOAD_VARIABLE = "MINI_NEBARI_DISABLE_PLUGIN_AUTOLOAD";

/**
 * The environment variable that sets how long, in milliseconds, a plugin module may take to
 * load; default {@link DEFAULT_PLUGIN_TIMEOUT}.
 */
export const PLUGIN_TIMEOUT_VARIABLE = "MINI_NEBARI_PLUGIN_TIMEOUT";

/**
 * How long a plugin module may take to load by default: a plugin whose top-level code awaits
 * something that never settles is reported by name instead of stalling the command forever.
 */
export const DEFAULT_PLUGIN_TIMEOUT = 30_000;

/**
 * The host's dependencies that plugin files get from the host (as hooksmith itself), so that a
 * plugin file outside any project (a scaffold in a temporary folder) can import them.
 */
export const SHARED_PACKAGES: readonly string[] = ["commander", "zod"];

/** A stream the program writes to (`process.stdout`, or a test's capture). */
export interface WritableText {
  /** Writes text. */
  write(text: string): unknown;
  /** Whether it is a terminal (the progress display then updates lines in place). */
  readonly isTTY?: boolean;
}

/**
 * Options of {@link createProgram}: the program-factory contract of `hooksmith/testing`'s
 * `runCli` (docs/testing-plugins.md), plus `confirm` and `env`.
 */
export interface CreateProgramOptions {
  /**
   * The user arguments about to be parsed; phase one reads `--import-plugin` from them.
   * Default `process.argv.slice(2)`.
   */
  readonly argv?: readonly string[];
  /**
   * Plugins to register explicitly, in order, after the built-ins and before installed ones
   * (source `"register"`): `[name, plugin]` pairs or a record of name to plugin.
   */
  readonly plugins?: Iterable<readonly [name: string, plugin: object]> | Readonly<Record<string, object>>;
  /**
   * Discover installed plugins (entry point group `"nebari"`). `true` (default) searches the
   * `node_modules` folders of `cwd` and its ancestors, then those of the mini-nebari package's
   * own folder (so plugins installed next to the CLI are found wherever it runs); an array
   * searches from those folders; `false` searches nowhere. `MINI_NEBARI_DISABLE_PLUGIN_AUTOLOAD`
   * in `env` turns the default off.
   */
  readonly entryPoints?: boolean | readonly string[];
  /** Where the program writes. Default `process.stdout` / `process.stderr`. */
  readonly io?: { readonly stdout: WritableText; readonly stderr: WritableText };
  /** The working directory: config, output and `--import-plugin` paths are relative to it. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Answers destroy's confirmation. Default: a prompt on a terminal, refused elsewhere. */
  readonly confirm?: (question: string) => Promise<boolean>;
  /**
   * How long, in milliseconds, a plugin module may take to load. Default: `MINI_NEBARI_PLUGIN_TIMEOUT`
   * in `env`, or {@link DEFAULT_PLUGIN_TIMEOUT}.
   */
  readonly pluginTimeout?: number;
  /**
   * The environment (`MINI_NEBARI_DISABLE_PLUGIN_AUTOLOAD`, `MINI_NEBARI_PLUGIN_TIMEOUT`,
   * `MINI_NEBARI_DEBUG`). Default `process.env`.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A built program: the commander tree, the plugin manager behind it, and what was loaded. */
export interface MiniNebari {
  /** The commander program, with every plugin's subcommands mounted. Parse user arguments with `{ from: "user" }`. */
  readonly program: Command;
  /** The plugin manager. */
  readonly nebari: MiniNebariPluginManager;
  /** What was loaded: installed plugins, imported plugins, and installed ones that failed. */
  readonly loaded: NebariLoadReport;
  /** The profile of this run, when `--profile <file>` was given (`main` writes it). */
  readonly profile?: RunProfile;
}

/** The global options, as commander parses them. */
interface GlobalOptions {
  importPlugin?: string[];
  profile?: string;
  excludeStage?: string[];
  excludeDefaultStages?: boolean;
}

/** The options every stage command has. */
interface ProjectOptions {
  config: string;
  output: string;
}

/**
 * Builds mini-nebari in two phases. Phase one, before any command exists: register the
 * built-ins and the given plugins, load installed plugins (broken ones are skipped with a
 * warning), import the `--import-plugin` values found in `argv` (a broken one rejects), and
 * check every plugin's hook names. Phase two: build the command tree with every plugin's
 * subcommands (a name claimed twice rejects with `SubcommandConflictError`).
 *
 * @param options - Arguments, plugins, working directory, output.
 * @returns The program, its manager and the load report.
 */
export async function createMiniNebari(options: CreateProgramOptions = {}): Promise<MiniNebari> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const output = outputOf(options.io);
  const env = options.env ?? process.env;
  const warn = (warning: Error): void => output.err(`warning: ${warning.message}\n`);
  const host: Host = { cwd, output, confirm: options.confirm ?? confirmOnTerminal() };

  // Phase 1: plugins, before any command exists.
  const startup = scanStartupArgs(options.argv ?? process.argv.slice(2));
  const profileFile = profileOption(options.argv ?? process.argv.slice(2));
  const nebari = new NebariPluginManager<MiniNebariCli>({
    cwd,
    warn,
    defaultPlugins: { "builtin:stages": builtinStages, "builtin:commands": builtinCommands(host) },
    config: { owners: [projectConfigOwner], unknownKeys: "warn" },
  });
  // Profiling starts as soon as the manager exists: plugin loading and subcommands are in it.
  const profile: RunProfile | undefined =
    profileFile === undefined ? undefined : { profiler: profileHooks(nebari), file: profileFile };
  for (const [name, plugin] of explicitPlugins(options.plugins)) nebari.register(plugin, name);
  const entryPoints = options.entryPoints ?? env[DISABLE_AUTOLOAD_VARIABLE] === undefined;
  const searchFrom = entryPoints === true ? [cwd, HOST_DIRECTORY] : entryPoints === false ? [] : entryPoints;
  const moduleOptions = {
    timeout: options.pluginTimeout ?? pluginTimeoutOf(env),
    hostPackages: SHARED_PACKAGES,
    hostModule: import.meta.url,
  };
  const installed = await loadInstalled(nebari, searchFrom, warn, moduleOptions);
  const { imported } = await nebari.loadPlugins({ ...moduleOptions, entryPoints: false, importPlugins: startup.importPlugins });
  nebari.checkPending();
  const loaded: NebariLoadReport = { entryPoints: installed.names, imported, failures: installed.failures };

  // Phase 2: the command tree, with every plugin's subcommands.
  const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
  const program = new Command("mini-nebari")
    .description("A small Nebari: staged plugins that render, deploy and destroy a project locally.")
    .version(VERSION, "-V, --version")
    .option("--import-plugin <plugin>", "import a plugin: a .js/.ts file or a package specifier (repeatable)", collect)
    .option(
      "--exclude-stage <pattern>",
      "leave out the stages whose whole name matches this regular expression (repeatable)",
      collect,
    )
    .option("--exclude-default-stages", "leave out the built-in stages")
    .option(`${PROFILE_OPTION} <file>`, "profile the hook calls and stage steps: a Chrome trace, or a flame chart for .svg")
    .showHelpAfterError("(run mini-nebari --help for the commands and options)")
    .configureOutput({ writeOut: output.out, writeErr: output.err });
  // Plugins may nest command groups and choose their help panel (Typer's add_typer and
  // rich_help_panel); the root command's options and callbacks stay the host's.
  const registry = await nebari.collectSubcommands({ expose: { groups: true, rootOptions: false, configureRoot: false } });
  registry.mount(program, (name, definition) =>
    program.command(name).helpGroup(nebari.isBuiltin(definition.pluginName) ? "Commands:" : "Plugin commands:"),
  );
  Object.assign(host, { nebari, program, loaded, profile });
  return profile === undefined ? { program, nebari, loaded } : { program, nebari, loaded, profile };
}

/**
 * Builds the program as {@link createMiniNebari} does and returns only the commander program.
 *
 * @param options - As for {@link createMiniNebari}.
 * @returns The program.
 */
export async function createProgram(options: CreateProgramOptions = {}): Promise<Command> {
  return (await createMiniNebari(options)).program;
}

/**
 * Runs mini-nebari on the user's arguments: builds it, parses, and turns every failure into a
 * message and an exit code instead of a stack trace.
 *
 * @param argv - The user's arguments (`process.argv.slice(2)`).
 * @param options - As for {@link createMiniNebari}; `argv` is the first parameter.
 * @returns The exit code: 0, or 1 on failure (commander's own code for usage errors).
 */
export async function main(argv: readonly string[], options: CreateProgramOptions = {}): Promise<number> {
  const output = outputOf(options.io);
  let built: MiniNebari | undefined;
  let code = 0;
  try {
    built = await createMiniNebari({ ...options, argv });
    exitOverrideEverywhere(built.program);
    await built.program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    code = reportFailure(error, output, options.env ?? process.env);
  }
  // A failed command is profiled too: the profile shows where it failed.
  if (built?.profile !== undefined) {
    const command = argv.find((arg) => built!.program.commands.some((sub) => sub.name() === arg));
    try {
      await finishProfile(
        built.profile,
        resolve(options.cwd ?? process.cwd()),
        output,
        `mini-nebari${command === undefined ? "" : ` ${command}`}`,
      );
    } catch (error) {
      code = reportFailure(error, output, options.env ?? process.env);
    }
  }
  return code;
}

// --- the host's own commands ---

/** What the built-in commands need; filled in once the program exists. */
interface Host {
  readonly cwd: string;
  readonly output: Output;
  readonly confirm: (question: string) => Promise<boolean>;
  nebari?: MiniNebariPluginManager;
  program?: Command;
  loaded?: NebariLoadReport;
  profile?: RunProfile | undefined;
}

/**
 * The host's own commands, as a built-in plugin: a plugin that adds a command of the same name
 * is reported as a collision (`SubcommandConflictError`) instead of silently taking it over.
 *
 * @param host - The program being built.
 * @returns The plugin.
 */
function builtinCommands(host: Host): object {
  const { output } = host;
  const project = (command: Command): Command =>
    command
      .option("-c, --config <file>", "the config file", DEFAULT_CONFIG_FILE)
      .option("-o, --output <dir>", "the output directory", ".");

  /** Takes the stage snapshot of this run (the global options decide the exclusions). */
  const snapshot = (): Promise<NebariStageSnapshot> => {
    const options = host.program!.opts<GlobalOptions>();
    return host.nebari!.snapshotStages({
      excludeStages: options.excludeStage ?? [],
      excludeDefaultStages: options.excludeDefaultStages === true,
    });
  };

  /** Reads the config file and validates it against the stages of the run. */
  const prepare = async (options: ProjectOptions) => {
    const run = await snapshot();
    const raw = await readConfigFile(resolve(host.cwd, options.config), options.config);
    const { config } = await run.validateConfig(raw);
    return { run, config, outputDirectory: resolve(host.cwd, options.output) };
  };

  return {
    nebari_subcommand: hookimpl(({ cli }: { cli: MiniNebariCli }) => {
      cli.command("validate", (command) =>
        project(command)
          .description("Check the config file against the schemas of the stages that would run")
          .action(async (options: ProjectOptions) => {
            const { run } = await prepare(options);
            output.out(
              `${options.config} is valid for ${run.stages.length} stages: ${run.stages.map((stage) => stage.stageName).join(", ")}\n`,
            );
          }),
      );

      cli.command("render", (command) =>
        project(command)
          .description("Write the files of every stage into the output directory")
          .option("--dry-run", "show what would change, write nothing")
          .action(async (options: ProjectOptions & { dryRun?: boolean }) => {
            const { run, config, outputDirectory } = await prepare(options);
            const report = await run.render({
              config,
              outputDirectory,
              dryRun: options.dryRun === true,
              onProgress: progressWithProfile(undefined, host.profile),
            });
            const rows = [
              ...report.new.map((path) => ["new", path]),
              ...report.updated.map((path) => ["updated", path]),
              ...report.unchanged.map((path) => ["unchanged", path]),
              ...report.untracked.map((path) => ["untracked", path]),
            ];
            const verb = options.dryRun === true ? "Would render" : "Rendered";
            output.out(
              `${verb} ${run.stages.length} stages into ${options.output}: ${report.new.length} new, ${report.updated.length} updated, ${report.unchanged.length} unchanged\n`,
            );
            if (rows.length > 0) output.out(table(rows));
            if (options.dryRun === true) output.out("Dry run: nothing was written.\n");
          }),
      );

      cli.command("deploy", (command) =>
        project(command)
          .description("Render, then deploy every stage in order (checks after each one)")
          .option("--disable-checks", "skip the stages' checks")
          .option("--disable-render", "deploy what is already rendered")
          .option("--disable-prompt", "tell the stages not to ask questions")
          .action(
            async (options: ProjectOptions & { disableChecks?: boolean; disableRender?: boolean; disablePrompt?: boolean }) => {
              const { run, config, outputDirectory } = await prepare(options);
              // One lock for the render and the deploy: no other run may slip in between.
              await using _lock = await lockOutputDirectory(outputDirectory, { flow: "deploy" });
              if (options.disableRender !== true) {
                const report = await run.render({
                  config,
                  outputDirectory,
                  lock: false,
                  onProgress: progressWithProfile(undefined, host.profile),
                });
                output.out(
                  `Rendered: ${report.new.length} new, ${report.updated.length} updated, ${report.unchanged.length} unchanged\n`,
                );
              }
              output.out(`Deploying ${run.stages.length} stages${options.disableChecks === true ? " (checks disabled)" : ""}:\n`);
              const outputs = await withInterrupt((signal) =>
                run.deploy({
                  config,
                  outputDirectory,
                  lock: false,
                  disableChecks: options.disableChecks === true,
                  disablePrompt: options.disablePrompt === true,
                  onProgress: progressWithProfile(progressDisplay(output), host.profile),
                  signal,
                }),
              );
              output.out(`Deployed ${run.stages.length} stages. Outputs:\n${formatOutputs(outputs)}`);
            },
          ),
      );

      cli.command("destroy", (command) =>
        project(command)
          .description("Destroy every stage, last first")
          .option("--disable-prompt", "do not ask for confirmation")
          .action(async (options: ProjectOptions & { disablePrompt?: boolean }) => {
            const { run, config, outputDirectory } = await prepare(options);
            if (
              options.disablePrompt !== true &&
              !(await host.confirm(`Destroy the ${run.stages.length} stages deployed in ${resolve(host.cwd, options.output)}?`))
            ) {
              throw new HostError("destroy cancelled");
            }
            output.out(`Destroying ${run.stages.length} stages:\n`);
            const report = await withInterrupt((signal) =>
              run.destroy({
                config,
                outputDirectory,
                onProgress: progressWithProfile(progressDisplay(output), host.profile),
                signal,
              }),
            );
            output.out(`Destroyed ${Object.keys(report.status).length} stages.\n`);
          }),
      );

      cli.command("info", (command) =>
        command
          .description("Show the hooks and their plugins, the stage order, and what was shadowed or excluded")
          .action(async () => {
            const nebari = host.nebari!;
            const run = await snapshot();
            output.out(`mini-nebari ${VERSION}\n\nHooks:\n`);
            output.out(
              table(nebari.listHooks().map((hook) => [hook.name + (hook.hasSpec ? "" : " (no spec)"), hook.plugins.join(", ")])),
            );
            output.out("\nStage order:\n");
            output.out(
              table([
                ["priority", "stage", "plugin", "source"],
                ...run.plan.order.map((stage) => [
                  String(stage.priority),
                  stage.name,
                  stage.contributor.name,
                  stage.contributor.source,
                ]),
              ]),
            );
            output.out("\nShadowed:\n");
            output.out(
              run.plan.shadowed.length === 0
                ? "  none\n"
                : table(
                    run.plan.shadowed.map((stage) => [
                      stage.name,
                      `priority ${stage.priority} from ${stage.source}`,
                      `overridden by ${stage.shadowedBy.source} (priority ${stage.shadowedBy.priority})`,
                    ]),
                  ),
            );
            output.out("\nExcluded:\n");
            output.out(
              run.plan.excluded.length === 0
                ? "  none\n"
                : table(
                    run.plan.excluded.map((stage) => [
                      stage.name,
                      `from ${stage.source}`,
                      stage.reason === "pattern" ? `--exclude-stage ${String(stage.pattern)}` : "--exclude-default-stages",
                    ]),
                  ),
            );
          }),
      );

      cli.command("plugin", (command) => {
        command.description("Inspect plugins");
        command
          .command("list")
          .description("List the plugins: name, source, package, version, path")
          .action(() => {
            const rows = host
              .nebari!.listPlugins()
              .map((plugin) => [
                plugin.name,
                plugin.source,
                plugin.packageName ?? "-",
                plugin.version ?? "-",
                plugin.path ?? "-",
              ]);
            output.out(table([["name", "source", "package", "version", "path"], ...rows]));
            const failures = host.loaded?.failures ?? [];
            if (failures.length > 0) {
              output.out(
                `\nNot loaded (${failures.length}):\n${table(failures.map((failure) => [failure.pluginName ?? "?", failure.message]))}`,
              );
            }
          });
      });
    }),
  };
}

// --- helpers ---

/**
 * Loads installed plugins from each folder in turn; a name already loaded is skipped, and a
 * broken plugin is reported once.
 *
 * @param nebari - The manager.
 * @param folders - Where to search.
 * @param warn - Receives each failure.
 * @param moduleOptions - The timeout and the packages plugin files share with the host.
 * @returns The names loaded and the failures.
 */
async function loadInstalled(
  nebari: MiniNebariPluginManager,
  folders: readonly string[],
  warn: (warning: Error) => void,
  moduleOptions: PluginModuleOptions,
): Promise<{ names: string[]; failures: PluginLoadError[] }> {
  const before = nebari.getPlugins();
  const failures: PluginLoadError[] = [];
  const seen = new Set<string>();
  for (const folder of folders) {
    await nebari.loadEntrypoints("nebari", undefined, {
      ...moduleOptions,
      cwd: folder,
      onError: "skip",
      onFailure: (failure) => {
        const key = `${failure.pluginName}\0${failure.file}`;
        if (seen.has(key)) return;
        seen.add(key);
        failures.push(failure);
        warn(failure);
      },
    });
  }
  const names = nebari
    .listNamePlugin()
    .filter(([, plugin]) => plugin !== undefined && !before.has(plugin))
    .map(([name]) => name);
  return { names, failures };
}

/**
 * The plugin timeout `MINI_NEBARI_PLUGIN_TIMEOUT` sets, or the default.
 *
 * @param env - The environment.
 * @returns Milliseconds.
 */
function pluginTimeoutOf(env: Readonly<Record<string, string | undefined>>): number {
  const value = env[PLUGIN_TIMEOUT_VARIABLE];
  if (value === undefined || value === "") return DEFAULT_PLUGIN_TIMEOUT;
  const timeout = Number(value);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new HostError(`${PLUGIN_TIMEOUT_VARIABLE} must be a positive number of milliseconds, got "${value}"`);
  }
  return timeout;
}

/**
 * The `plugins` option as `[name, plugin]` pairs.
 *
 * @param plugins - The option.
 * @returns The pairs.
 */
function explicitPlugins(plugins: CreateProgramOptions["plugins"]): (readonly [string, object])[] {
  if (plugins === undefined) return [];
  if (Symbol.iterator in plugins) return [...(plugins as Iterable<readonly [string, object]>)];
  return Object.entries(plugins as Readonly<Record<string, object>>);
}

/**
 * The program's output over the given streams.
 *
 * @param io - The `io` option.
 * @returns The output.
 */
function outputOf(io: CreateProgramOptions["io"]): Output {
  if (io === undefined) return processOutput;
  return {
    out: (text) => void io.stdout.write(text),
    err: (text) => void io.stderr.write(text),
    isTTY: io.stdout.isTTY === true,
  };
}

/**
 * Runs a flow with an `AbortSignal` that the first Ctrl-C (SIGINT) or SIGTERM (CI cancelling a
 * job, `docker stop`, `kill`) aborts: the flow stops between stages and unwinds what it
 * entered, so every teardown runs. A second signal ends the process as usual.
 *
 * @param flow - The flow to run.
 * @returns What the flow returns.
 */
async function withInterrupt<T>(flow: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const signals = ["SIGINT", "SIGTERM"] as const;
  const interrupt = (signal: NodeJS.Signals): void => {
    for (const other of signals) process.off(other, interrupt);
    controller.abort(new HostError(`interrupted (${signal})`));
  };
  for (const signal of signals) process.once(signal, interrupt);
  try {
    return await flow(controller.signal);
  } finally {
    for (const signal of signals) process.off(signal, interrupt);
  }
}

/**
 * Formats the deploy's outputs, one stage a line.
 *
 * @param outputs - The shared stage outputs.
 * @returns The lines.
 */
function formatOutputs(outputs: StageOutputs): string {
  const rows = Object.entries(outputs).map(([stage, value]) => [stage, JSON.stringify(value) ?? "undefined"]);
  return rows.length === 0 ? "  none\n" : table(rows);
}

/**
 * The default confirmation: a yes/no prompt when standard input is a terminal; elsewhere a
 * destroy needs `--disable-prompt`.
 *
 * @returns The confirm function.
 */
function confirmOnTerminal(): (question: string) => Promise<boolean> {
  return async (question) => {
    if (process.stdin.isTTY !== true) {
      throw new HostError("destroy asks for confirmation, and standard input is not a terminal: pass --disable-prompt");
    }
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
    } finally {
      prompt.close();
    }
  };
}

/**
 * Makes commander throw instead of exiting, on the program and on every subcommand.
 *
 * @param command - The program.
 */
function exitOverrideEverywhere(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) exitOverrideEverywhere(sub);
}

/**
 * Prints a failure and picks the exit code: hooksmith errors with their code, a failed stage
 * with what was destroyed or not, usage errors as commander printed them.
 *
 * @param error - What was thrown.
 * @param output - Where to print.
 * @param env - `MINI_NEBARI_DEBUG` prints stacks.
 * @returns The exit code.
 */
function reportFailure(error: unknown, output: Output, env: Readonly<Record<string, string | undefined>>): number {
  if (error instanceof CommanderError) return error.exitCode;
  const debug = env["MINI_NEBARI_DEBUG"] !== undefined;
  if (isHooksmithError(error)) {
    output.err(`error: ${error.message} [${error.code}]\n`);
    if (error instanceof StageError) {
      for (const other of error.otherErrors) output.err(`  also: ${other.message}\n`);
      if (error.report !== undefined) {
        const { status, skipped } = error.report;
        const destroyed = Object.keys(status).filter((stage) => status[stage]);
        const failed = Object.keys(status).filter((stage) => !status[stage]);
        output.err(
          `  destroyed: ${destroyed.join(", ") || "none"}; failed: ${failed.join(", ") || "none"}; skipped: ${skipped.join(", ") || "none"}\n`,
        );
      }
    }
  } else if (error instanceof HostError) {
    output.err(`error: ${error.message}\n`);
  } else {
    output.err(`error: ${messageOf(error)}\n`);
  }
  if (debug && error instanceof Error && error.stack !== undefined) output.err(`${error.stack}\n`);
  return 1;
}
