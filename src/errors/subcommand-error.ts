import { HooksmithError } from "./hooksmith-error.ts";

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
export class SubcommandError extends HooksmithError {
  /** The error class name, `"SubcommandError"` (printed by `toString()` and in stack traces). */
  override name: string = "SubcommandError";
  /** The stable code. */
  declare readonly code: SubcommandErrorCode;
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
