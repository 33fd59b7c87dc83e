import { HooksmithError } from "./hooksmith-error.ts";

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
export class StartupArgumentError extends HooksmithError {
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
