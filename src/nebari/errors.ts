import { HooksmithError } from "../core/errors.ts";

/**
 * The stable codes of {@link SubcommandError}.
 *
 * - `HOOKSMITH_INVALID_SUBCOMMAND`: a plugin gave an invalid subcommand or group name (empty, with
 *   whitespace, starting with `-`), invalid option flags, a `define` that is not a function, or
 *   malformed options;
 * - `HOOKSMITH_SUBCOMMAND_REGISTRY_CLOSED`: a plugin added something after the registry was
 *   resolved (e.g. from a callback that ran later);
 * - `HOOKSMITH_SUBCOMMAND_DEFINE_FAILED`: a plugin's `define` (or `configure`, or option function)
 *   threw while the host built the command; `cause` is the original error;
 * - `HOOKSMITH_SUBCOMMAND_NOT_EXPOSED`: a plugin asked for something the host does not let plugins
 *   do (a nested group, a root option, configuring the root command) or its command objects cannot
 *   do (a help panel, an option by description).
 *
 * @example
 * ```ts
 * import type { SubcommandErrorCode } from "hooksmith/nebari";
 *
 * const code: SubcommandErrorCode = "HOOKSMITH_INVALID_SUBCOMMAND";
 * ```
 */
export type SubcommandErrorCode =
  | "HOOKSMITH_INVALID_SUBCOMMAND"
  | "HOOKSMITH_SUBCOMMAND_REGISTRY_CLOSED"
  | "HOOKSMITH_SUBCOMMAND_DEFINE_FAILED"
  | "HOOKSMITH_SUBCOMMAND_NOT_EXPOSED";

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
  /**
   * The subcommand as typed on the command line, its groups first (`"scaffold plugin stage"`),
   * when there is one (`undefined` for the root command).
   */
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
  /** The subcommand as typed on the command line, its groups first, when there is one. */
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
 * One name claimed by several definitions, in a {@link SubcommandConflictError}: a subcommand (or
 * group) name, the configuration of a group, or an option flag.
 *
 * @example
 * ```ts
 * import type { SubcommandConflict } from "hooksmith/nebari";
 *
 * const conflict: SubcommandConflict = { kind: "command", name: "deploy", path: [], plugins: ["builtin-deploy", "my-plugin"] };
 * ```
 */
export interface SubcommandConflict {
  /**
   * What is claimed twice: `"command"` a subcommand or group name, `"group"` the configuration of a
   * group (its `define` or help panel), `"option"` an option flag.
   */
  readonly kind: "command" | "group" | "option";
  /** The subcommand name, or the option flag (`--profile`). */
  readonly name: string;
  /** The groups it is in (for an option: the command it belongs to), outermost first; `[]` at the root. */
  readonly path: readonly string[];
  /** The plugins defining it, in definition order (a plugin defining it twice is listed twice). */
  readonly plugins: readonly string[];
}

/**
 * Several plugins add a subcommand of the same name (at the same level of the command tree),
 * configure the same group, or add an option with the same flag to one command, and none of them
 * (or more than one) asks to `override` it, so the registry refuses to pick one. Nebari let the
 * last one silently replace the others, so an installed plugin could take over `deploy`.
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
  /** Every conflict, in the order found walking the command tree from the root. */
  readonly conflicts: readonly SubcommandConflict[];

  /**
   * @param conflicts - The conflicting names with their plugins; at least one.
   */
  constructor(conflicts: readonly SubcommandConflict[]) {
    const describe = ({ kind, name, path, plugins }: SubcommandConflict): string => {
      const unique = [...new Set(plugins)];
      const claimants =
        unique.length === 1
          ? `twice by plugin ${JSON.stringify(unique[0])}`
          : `by plugins ${unique.map((plugin) => JSON.stringify(plugin)).join(" and ")}`;
      const where = path.join(" ");
      if (kind === "option") {
        return `option ${JSON.stringify(name)}${where === "" ? " of the root command" : ` of subcommand ${JSON.stringify(where)}`} is added ${claimants}`;
      }
      const full = JSON.stringify([...path, name].join(" "));
      return kind === "group" ? `group ${full} is configured ${claimants}` : `subcommand ${full} is added ${claimants}`;
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
