// `--profile <file>`: profiles a run of any command with hooksmith's profileHooks, from the
// moment the plugin manager exists (so plugin loading and the subcommand collection are in it)
// to the end of the command, failed or not. The file gets the Chrome trace (open it in Perfetto
// or chrome://tracing), or a flame chart when its name ends in `.svg`; standard error gets the
// top lines of the table.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { renderFlameChart, type HookProfiler, type StageProgressEvent } from "hooksmith";
import { HostError } from "./config-file.ts";
import type { Output } from "./output.ts";

/** The option, as the command line spells it. */
export const PROFILE_OPTION = "--profile";

/** How many rows of each table the run prints. */
const TOP = 10;

/** A running profile of one mini-nebari run. */
export interface RunProfile {
  /** The profiler. */
  readonly profiler: HookProfiler;
  /** Where the trace goes, as given (relative to the working directory). */
  readonly file: string;
}

/**
 * Finds `--profile <file>` (or `--profile=<file>`) in the user's arguments before the command
 * tree exists, so that profiling starts before the plugins load. The full parse declares the
 * option too, and rejects what it does not know.
 *
 * @param argv - The user's arguments.
 * @returns The file, or `undefined` without the option.
 * @throws {HostError} When the option has no value.
 */
export function profileOption(argv: readonly string[]): string | undefined {
  let file: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === "--") break;
    if (arg === PROFILE_OPTION) file = argv[++index];
    else if (arg.startsWith(`${PROFILE_OPTION}=`)) file = arg.slice(PROFILE_OPTION.length + 1);
    else continue;
    if (file === undefined || file === "") throw new HostError(`${PROFILE_OPTION} needs a file name`);
  }
  return file;
}

/**
 * Passes stage progress to the display, if any, and to the profile, if any.
 *
 * @param display - The command's own `onProgress`.
 * @param profile - The run's profile.
 * @returns The `onProgress` callback for a flow.
 */
export function progressWithProfile(
  display: ((event: StageProgressEvent) => void) | undefined,
  profile: RunProfile | undefined,
): (event: StageProgressEvent) => void {
  return (event) => {
    display?.(event);
    profile?.profiler.onStageProgress(event);
  };
}

/**
 * Stops the profile, writes the trace (a flame chart for a `.svg` file) and prints where it
 * went and the top rows of the tables: implementations by self time, and the stage steps when
 * a flow ran.
 *
 * @param profile - The run's profile.
 * @param cwd - The working directory the file name is relative to.
 * @param output - Where to print.
 * @param processName - The name the trace viewer shows, e.g. `mini-nebari deploy`.
 * @throws {HostError} When the file cannot be written.
 */
export async function finishProfile(profile: RunProfile, cwd: string, output: Output, processName: string): Promise<void> {
  const report = profile.profiler.stop();
  const trace = report.toChromeTrace({ processName });
  const svg = /\.svg$/i.test(profile.file);
  try {
    await writeFile(resolve(cwd, profile.file), svg ? renderFlameChart(trace) : `${JSON.stringify(trace)}\n`);
  } catch (error) {
    throw new HostError(`cannot write the profile to ${profile.file}: ${(error as Error).message}`);
  }
  const viewer = svg ? "a flame chart" : "a Chrome trace: open it in https://ui.perfetto.dev or chrome://tracing";
  output.err(`\nProfile written to ${profile.file} (${viewer}).\n`);
  output.err(report.toTable({ top: TOP }));
  if (report.stageSteps.length > 0) output.err(`\n${report.toTable({ by: "stage", top: TOP, summary: false })}`);
}
