import { StartupArgumentError } from "./errors.ts";

/**
 * What `scanStartupArgs` found: the options that decide which plugins load and which stages
 * run, known before the command tree exists.
 *
 * @example
 * ```ts
 * import { scanStartupArgs, type StartupArgs } from "hooksmith/nebari";
 *
 * const startup: StartupArgs = scanStartupArgs(["--import-plugin", "./p.ts", "deploy"]);
 * // { importPlugins: ["./p.ts"], excludeStages: [], excludeDefaultStages: false }
 * ```
 */
export interface StartupArgs {
  /** The `--import-plugin` values, in command-line order. */
  readonly importPlugins: readonly string[];
  /** The `--exclude-stage` values, in command-line order. */
  readonly excludeStages: readonly string[];
  /** Whether `--exclude-default-stages` was given. */
  readonly excludeDefaultStages: boolean;
}

/**
 * The option spellings `scanStartupArgs` looks for, when a host names them differently.
 *
 * @example
 * ```ts
 * import type { ScanStartupArgsOptions } from "hooksmith/nebari";
 *
 * const options: ScanStartupArgsOptions = { importPlugin: "--plugin" };
 * ```
 */
export interface ScanStartupArgsOptions {
  /** The repeatable option naming a plugin to import; default `"--import-plugin"`. */
  readonly importPlugin?: string;
  /** The repeatable option naming a stage pattern to exclude; default `"--exclude-stage"`. */
  readonly excludeStage?: string;
  /** The flag excluding the built-in stages; default `"--exclude-default-stages"`. */
  readonly excludeDefaultStages?: string;
}

/**
 * Finds the startup options in a command line **before** the command tree is built: the first
 * phase of a two-phase start. The host imports the plugins found here, lets every plugin add
 * its subcommands, and only then builds and parses the full command line, so a plugin given
 * with `--import-plugin` can contribute subcommands (Nebari's could not: its command tree was
 * built before the option was parsed).
 *
 * Recognised anywhere before a `--` terminator, as a command-line parser such as commander
 * reads them: `--import-plugin <value>` and `--import-plugin=<value>` (repeatable, in order),
 * the same for `--exclude-stage`, and the flag `--exclude-default-stages`. A value option takes
 * the next argument whatever it looks like. Everything else is ignored: the full parse of the
 * second phase reports unknown options and checks the rest, so declare the same options there.
 *
 * @param argv - The arguments, e.g. `process.argv.slice(2)` (the full `process.argv` works too).
 * @param options - Other spellings of the three options.
 * @returns The values found.
 * @throws {@link StartupArgumentError} for a value option without a value.
 * @example
 * ```ts
 * import { scanStartupArgs } from "hooksmith/nebari";
 *
 * const startup = scanStartupArgs(["--import-plugin=./a.ts", "--exclude-stage", ".*infra.*", "--import-plugin", "pkg/sub", "info"]);
 * // { importPlugins: ["./a.ts", "pkg/sub"], excludeStages: [".*infra.*"], excludeDefaultStages: false }
 * ```
 */
export function scanStartupArgs(argv: readonly string[], options: ScanStartupArgsOptions = {}): StartupArgs {
  if (!Array.isArray(argv)) throw new TypeError(`scanStartupArgs needs an array of arguments, got ${typeof argv}`);
  const importFlag = options.importPlugin ?? "--import-plugin";
  const excludeFlag = options.excludeStage ?? "--exclude-stage";
  const defaultsFlag = options.excludeDefaultStages ?? "--exclude-default-stages";
  const importPlugins: string[] = [];
  const excludeStages: string[] = [];
  let excludeDefaultStages = false;

  for (let index = 0; index < argv.length; index++) {
    const arg: unknown = argv[index];
    if (typeof arg !== "string") throw new TypeError(`scanStartupArgs: argument ${index} is not a string`);
    if (arg === "--") break;
    if (arg === defaultsFlag) {
      excludeDefaultStages = true;
      continue;
    }
    for (const [flag, values] of [
      [importFlag, importPlugins],
      [excludeFlag, excludeStages],
    ] as const) {
      let value: string | undefined;
      if (arg === flag) {
        value = argv[index + 1];
        if (value === undefined) throw new StartupArgumentError(flag, "needs a value");
        index++;
      } else if (arg.startsWith(`${flag}=`)) {
        value = arg.slice(flag.length + 1);
      } else {
        continue;
      }
      if (value === "") throw new StartupArgumentError(flag, "needs a non-empty value");
      values.push(value);
      break;
    }
  }
  return { importPlugins, excludeStages, excludeDefaultStages };
}
