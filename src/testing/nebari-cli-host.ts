import type { NebariDefaultPlugins } from "../nebari/plugin-manager.ts";
import type { NebariConfigOptions } from "../nebari/stage-snapshot.ts";
import type { SubcommandCli, SubcommandExposure } from "../nebari/subcommands.ts";
import type { CliProgram, CliProgramFactory, CliProgramOptions } from "./run-cli.ts";
import { TestNebariPluginManager } from "./test-nebari-plugin-manager.ts";
import type { runCli } from "./run-cli.ts";

/**
 * Options of {@link createNebariCliHost}.
 *
 * @typeParam Target - The command type of the host's framework (commander's `Command`).
 * @example
 * ```ts
 * import type { NebariCliHostOptions } from "hooksmith/testing";
 * import { Command } from "commander";
 *
 * const options: NebariCliHostOptions<Command> = { program: () => new Command("nebari") };
 * ```
 */
export interface NebariCliHostOptions<Target> {
  /**
   * Creates the root command the plugins' subcommands are mounted on, e.g.
   * `() => new Command("nebari")`: anything with `parseAsync` and a `command(name)` method that
   * returns a new subcommand.
   */
  readonly program: (options: CliProgramOptions) => CliProgram & {
    /** Creates the subcommand `name` on the root command. */
    command(name: string): Target;
  };
  /** Built-in plugins of the host (e.g. its own commands), registered before the tested plugins. */
  readonly defaultPlugins?: NebariDefaultPlugins;
  /** The manager's config options. */
  readonly config?: NebariConfigOptions;
  /** Call `checkPending()` once the plugins are registered; default `true`. */
  readonly checkPending?: boolean;
  /**
   * What the plugins may add besides commands, as the host under test exposes it (default: nested
   * groups, no root options, no root callbacks).
   */
  readonly expose?: SubcommandExposure;
}

/**
 * A minimal nebari host for testing subcommand plugins with {@link runCli}: a program factory
 * that creates a {@link TestNebariPluginManager} with the built-in plugins and the plugins
 * `runCli` passes, collects their subcommands (`collectSubcommands`: collisions are reported)
 * and mounts them on the root command `program` creates.
 *
 * Use it when there is no real host to test against; `hooksmith/testing` itself does not
 * depend on any command-line framework, so the root command comes from your test.
 *
 * @typeParam Target - The command type of the host's framework (commander's `Command`).
 * @param options - `program` (the root command), `defaultPlugins`, `config`, `checkPending`, `expose`.
 * @returns A program factory for `runCli`.
 * @example
 * ```ts
 * import { Command } from "commander";
 * import { createNebariCliHost, runCli } from "hooksmith/testing";
 * import * as hello from "./index.ts";
 *
 * const host = createNebariCliHost({ program: () => new Command("nebari") });
 * const result = await runCli(host, ["hello", "--name", "Ada"], { plugins: { "nebari-subcommand-hello": hello } });
 * console.log(result.stdout); // "Hello Ada\n"
 * ```
 */
export function createNebariCliHost<Target>(options: NebariCliHostOptions<Target>): CliProgramFactory {
  return async (programOptions) => {
    const nebari = new TestNebariPluginManager<SubcommandCli<Target>>({
      plugins: programOptions.plugins,
      ...(options.defaultPlugins === undefined ? {} : { defaultPlugins: options.defaultPlugins }),
      ...(options.config === undefined ? {} : { config: options.config }),
      ...(programOptions.cwd === undefined ? {} : { cwd: programOptions.cwd }),
      ...(options.checkPending === undefined ? {} : { checkPending: options.checkPending }),
    });
    const program = options.program(programOptions);
    (await nebari.collectSubcommands(options.expose === undefined ? {} : { expose: options.expose })).mount(program);
    return program;
  };
}
