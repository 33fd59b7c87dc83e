import { HooksmithError } from "../core/errors.ts";

/**
 * The stable codes of {@link SubcommandError}.
 *
 * - `HOOKSMITH_INVALID_SUBCOMMAND`: a plugin gave an invalid subcommand name (empty, with
 *   whitespace, starting with `-`) or a `define` that is not a function;
 * - `HOOKSMITH_SUBCOMMAND_REGISTRY_CLOSED`: a plugin added a subcommand after the registry was
 *   resolved (e.g. from a callback that ran later);
 * - `HOOKSMITH_SUBCOMMAND_DEFINE_FAILED`: a plugin's `define` threw while the host built the
 *   command; `cause` is the original error.
 *
 * @example
 * ```ts
 * import type { SubcommandErrorCode } from "hooksmith/nebari";
 *
 * const code: SubcommandErrorCode = "HOOKSMITH_INVALID_SUBCOMMAND";
 * ```
 */
export type SubcommandErrorCode =
  "HOOKSMITH_INVALID_SUBCOMMAND" | "HOOKSMITH_SUBCOMMAND_REGISTRY_CLOSED" | "HOOKSMITH_SUBCOMMAND_DEFINE_FAILED";

/**
 * Context of a {@link SubcommandError}.
 *
 * @example
 * ```ts
 * import type { SubcommandErrorOptions } from "hooksmith/nebari";
 *
 * const options: SubcommandErrorOptions = { code: "HOOKSMITH_INVALID_SUBCOMMAND", pluginName: "p", commandName: "" };
 * ```
 */
export interface SubcommandErrorOptions {
  /** The stable code. */
  code: SubcommandErrorCode;
  /** The plugin that added the subcommand. */
  pluginName: string;
  /** The subcommand name as given, when there is one. */
  commandName?: string | undefined;
  /** The original error, for `HOOKSMITH_SUBCOMMAND_DEFINE_FAILED`. */
  cause?: unknown;
}

/**
 * A plugin misused the subcommand registry: an invalid name or `define`, a subcommand added
 * after the registry was resolved, or a `define` that threw while the host built the command.
 * It names the plugin and the subcommand.
 *
 * @example
 * ```ts
 * import { SubcommandError } from "hooksmith/nebari";
 *
 * try {
 *   registry.mount(program);
 * } catch (error) {
 *   if (error instanceof SubcommandError) console.error(`plugin ${error.pluginName}: ${error.message}`);
 * }
 * ```
 */
export class SubcommandError extends HooksmithError<SubcommandErrorCode> {
  /** The error class name, `"SubcommandError"` (printed by `toString()` and in stack traces). */
  override name: string = "SubcommandError";
  /** The plugin that added the subcommand. */
  readonly pluginName: string;
  /** The subcommand name as given, when there is one. */
  readonly commandName: string | undefined;

  /**
   * @param message - What failed, naming the plugin and the subcommand.
   * @param options - The code, the plugin, the subcommand and the original error.
   */
  constructor(message: string, options: SubcommandErrorOptions) {
    super(message, { code: options.code, cause: options.cause });
    this.pluginName = options.pluginName;
    this.commandName = options.commandName;
  }
}

/**
 * One subcommand name claimed by several definitions, in a {@link SubcommandConflictError}.
 *
 * @example
 * ```ts
 * import type { SubcommandConflict } from "hooksmith/nebari";
 *
 * const conflict: SubcommandConflict = { name: "deploy", plugins: ["builtin-deploy", "my-plugin"] };
 * ```
 */
export interface SubcommandConflict {
  /** The subcommand name. */
  readonly name: string;
  /** The plugins defining it, in definition order (a plugin defining it twice is listed twice). */
  readonly plugins: readonly string[];
}

/**
 * Several plugins add a subcommand of the same name and none of them (or more than one) asks to
 * `override` it, so the registry refuses to pick one. Nebari let the last one silently replace
 * the others, so an installed plugin could take over `deploy`.
 *
 * Fix it by renaming one of the commands, removing a plugin, or, when replacing the other
 * command is the point, passing `{ override: true }` in the one that should win.
 *
 * @example
 * ```ts
 * import { SubcommandConflictError } from "hooksmith/nebari";
 *
 * try {
 *   await nebari.collectSubcommands();
 * } catch (error) {
 *   if (error instanceof SubcommandConflictError) {
 *     for (const { name, plugins } of error.conflicts) console.error(`${name}: ${plugins.join(", ")}`);
 *   }
 * }
 * ```
 */
export class SubcommandConflictError extends HooksmithError<"HOOKSMITH_SUBCOMMAND_CONFLICT"> {
  /** The error class name, `"SubcommandConflictError"` (printed by `toString()` and in stack traces). */
  override name: string = "SubcommandConflictError";
  /** Every conflicting name, in the order the names were first defined. */
  readonly conflicts: readonly SubcommandConflict[];

  /**
   * @param conflicts - The conflicting names with their plugins; at least one.
   */
  constructor(conflicts: readonly SubcommandConflict[]) {
    const describe = ({ name, plugins }: SubcommandConflict): string => {
      const unique = [...new Set(plugins)];
      const claimants =
        unique.length === 1
          ? `twice by plugin ${JSON.stringify(unique[0])}`
          : `by plugins ${unique.map((plugin) => JSON.stringify(plugin)).join(" and ")}`;
      return `subcommand ${JSON.stringify(name)} is added ${claimants}`;
    };
    super(
      `Subcommand name collision: ${conflicts.map(describe).join("; ")}; rename one, remove a plugin, or pass { override: true } in the one that should replace the others`,
      { code: "HOOKSMITH_SUBCOMMAND_CONFLICT" },
    );
    this.conflicts = conflicts;
  }
}

/**
 * A startup option found by `scanStartupArgs` is malformed: `--import-plugin` or
 * `--exclude-stage` without a value (last on the command line, or `--import-plugin=`). The
 * command tree does not exist yet at that point, so the host reports it as a usage error.
 *
 * @example
 * ```ts
 * import { scanStartupArgs, StartupArgumentError } from "hooksmith/nebari";
 *
 * try {
 *   scanStartupArgs(process.argv.slice(2));
 * } catch (error) {
 *   if (error instanceof StartupArgumentError) {
 *     console.error(error.message);
 *     process.exit(2);
 *   }
 * }
 * ```
 */
export class StartupArgumentError extends HooksmithError<"HOOKSMITH_STARTUP_ARGUMENT"> {
  /** The error class name, `"StartupArgumentError"` (printed by `toString()` and in stack traces). */
  override name: string = "StartupArgumentError";
  /** The option, as spelt on the command line (e.g. `--import-plugin`). */
  readonly option: string;

  /**
   * @param option - The option at fault.
   * @param problem - What is wrong with it.
   */
  constructor(option: string, problem: string) {
    super(`Option ${option} ${problem}`, { code: "HOOKSMITH_STARTUP_ARGUMENT" });
    this.option = option;
  }
}
