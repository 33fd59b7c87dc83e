// Shared fixtures for the hooksmith/nebari tests, built on the public API only.
import { Command, CommanderError } from "commander";
import { hookimpl, type StageClass, type SubcommandCli } from "hooksmith/nebari";

export { stage, names, tempDirectory, listTree } from "../stages/helpers.ts";
export { makeTree, removeTrees, writeTree } from "../discovery/fixtures.ts";

/**
 * A plugin object contributing `stages` through `nebari_stage`, counting its calls.
 *
 * @param stages - What its hook returns.
 * @returns The plugin and a getter of its call count.
 */
export function stagePlugin(stages: readonly StageClass[] | unknown): { plugin: object; calls: () => number } {
  let count = 0;
  const plugin = {
    nebari_stage: hookimpl(() => {
      count++;
      return stages as StageClass[];
    }),
  };
  return { plugin, calls: () => count };
}

/**
 * A plugin object adding subcommands through `nebari_subcommand`; each one logs `<name> ran`.
 *
 * @param commands - Subcommand names, with `{ override: true }` where wanted.
 * @param log - Receives what the commands do.
 * @returns The plugin.
 */
export function subcommandPlugin(commands: readonly (string | [string, { override: boolean }])[], log: string[] = []): object {
  return {
    nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
      for (const entry of commands) {
        const [name, options] = typeof entry === "string" ? [entry, undefined] : entry;
        cli.command(
          name,
          (command) =>
            command.description(`${name} from ${cli.pluginName}`).action(() => {
              log.push(`${name} ran (${cli.pluginName})`);
            }),
          options,
        );
      }
    }),
  };
}

/** Collects the warnings given to a `warn` option. */
export function warnings(): { warn: (warning: Error) => void; list: Error[] } {
  const list: Error[] = [];
  return { warn: (warning) => list.push(warning), list };
}

/** What running a commander program printed and how it exited. */
export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/**
 * Runs a commander program on user arguments, capturing output and the exit code instead of
 * exiting the process.
 *
 * @param program - The program, fully built.
 * @param args - The user arguments.
 * @returns Output and exit code.
 */
export async function runCli(program: Command, args: readonly string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const capture = (command: Command): void => {
    command.exitOverride();
    command.configureOutput({ writeOut: (text) => (stdout += text), writeErr: (text) => (stderr += text) });
    for (const sub of command.commands) capture(sub);
  };
  capture(program);
  try {
    await program.parseAsync([...args], { from: "user" });
    return { stdout, stderr, exitCode: 0 };
  } catch (error) {
    if (error instanceof CommanderError) return { stdout, stderr, exitCode: error.exitCode };
    throw error;
  }
}
