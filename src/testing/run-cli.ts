import { currentProcess, nodeBuiltin, unsupportedRuntime } from "../core/runtime.ts";
import { TestHarnessError } from "./errors.ts";
import { describeValue } from "../core/describe.ts";
import { namedPluginEntries, type NamedPlugins } from "./plugin-list.ts";

/**
 * Somewhere a program writes text: `process.stdout` is one.
 *
 * @example
 * ```ts
 * import type { CliOutput } from "hooksmith/testing";
 *
 * const lines: string[] = [];
 * const output: CliOutput = { write: (text) => lines.push(text) };
 * ```
 */
export interface CliOutput {
  /** Writes text. */
  write(text: string): unknown;
}

/**
 * The standard output and error of a program run: `{ stdout: process.stdout, stderr: process.stderr }`
 * in a real run, capturing buffers under {@link runCli}.
 *
 * @example
 * ```ts
 * import type { CliIo } from "hooksmith/testing";
 *
 * const io: CliIo = { stdout: process.stdout, stderr: process.stderr };
 * io.stdout.write("Hello\n");
 * ```
 */
export interface CliIo {
  /** The standard output. */
  readonly stdout: CliOutput;
  /** The standard error. */
  readonly stderr: CliOutput;
}

/**
 * What {@link runCli} passes to a host's program factory (or run function): the host builds its
 * command tree with exactly these plugins, writes to `io`, and discovers nothing.
 *
 * A host's own options type can be a superset of it (`argv?`, `plugins?`, `entryPoints?`, `io?`,
 * `cwd?`), so its factory is passed to `runCli` as it is (see docs/testing-plugins.md).
 *
 * @example
 * ```ts
 * import type { CliProgramOptions } from "hooksmith/testing";
 * import { Command } from "commander";
 *
 * function createProgram({ plugins, io }: CliProgramOptions): Command {
 *   const program = new Command("my-cli").configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
 *   for (const [name, plugin] of plugins) console.log(`would register ${name}`, plugin);
 *   return program;
 * }
 * ```
 */
export interface CliProgramOptions {
  /** The user arguments about to be parsed (scan them for `--import-plugin` in a two-phase start). */
  readonly argv: readonly string[];
  /** The plugins to register, in order, after the host's built-ins. */
  readonly plugins: readonly (readonly [name: string, plugin: object])[];
  /** Always `false`: discover no installed plugin. */
  readonly entryPoints: false;
  /** Where the program writes. */
  readonly io: CliIo;
  /** Where `--import-plugin` paths resolve and plugins are searched from, when given to `runCli`. */
  readonly cwd?: string;
}

/**
 * The parts of a command-line program the harness drives: a commander `Command` fits. Only
 * `parseAsync` is required; `exitOverride`, `configureOutput` and `commands` are used when present.
 *
 * @example
 * ```ts
 * import type { CliProgram } from "hooksmith/testing";
 * import { Command } from "commander";
 *
 * const program: CliProgram = new Command("my-cli");
 * ```
 */
export interface CliProgram {
  /** Parses user arguments and runs the selected command. */
  parseAsync(argv: readonly string[], options: { from: "user" }): Promise<unknown>;
  /** Makes the framework throw instead of exiting the process. */
  exitOverride?(): unknown;
  /** Routes the framework's own output (help, errors). */
  configureOutput?(configuration: { writeOut(text: string): void; writeErr(text: string): void }): unknown;
  /** The subcommands, which get the same treatment. */
  readonly commands?: readonly CliProgram[];
}

/**
 * A host's program factory: builds the command tree (plugins loaded, subcommands mounted)
 * without parsing.
 *
 * @example
 * ```ts
 * import type { CliProgramFactory } from "hooksmith/testing";
 * import { Command } from "commander";
 *
 * const factory: CliProgramFactory = () => new Command("my-cli").command("hello").action(() => console.log("Hello"));
 * ```
 */
export type CliProgramFactory = (options: CliProgramOptions) => CliProgram | PromiseLike<CliProgram>;

/**
 * A host's framework-neutral entry: runs the whole command line and returns its exit code
 * (nothing means 0), writing to `options.io`.
 *
 * @example
 * ```ts
 * import type { CliRunFunction } from "hooksmith/testing";
 *
 * const run: CliRunFunction = (argv, { io }) => {
 *   io.stdout.write(`args: ${argv.join(" ")}\n`);
 *   return 0;
 * };
 * ```
 */
export type CliRunFunction = (argv: readonly string[], options: CliProgramOptions) => number | void | PromiseLike<number | void>;

/**
 * What {@link runCli} runs: a program factory, or `{ run }`, a run function.
 *
 * @example
 * ```ts
 * import type { CliHost } from "hooksmith/testing";
 * import { createProgram, main } from "mini-nebari";
 *
 * const asProgram: CliHost = createProgram;
 * const asRunFunction: CliHost = { run: main };
 * ```
 */
export type CliHost =
  | CliProgramFactory
  | {
      /** Runs the whole CLI for `argv` and returns its exit code. */
      readonly run: CliRunFunction;
    };

/**
 * Options of {@link runCli}.
 *
 * @example
 * ```ts
 * import type { RunCliOptions } from "hooksmith/testing";
 * import * as hello from "./index.ts";
 *
 * const options: RunCliOptions = { plugins: { "nebari-subcommand-hello": hello }, captureConsole: true };
 * ```
 */
export interface RunCliOptions {
  /** The plugins to give the host: a record of name to plugin, or `[name, plugin]` pairs. */
  readonly plugins?: NamedPlugins;
  /** Passed to the host as `cwd`. */
  readonly cwd?: string;
  /**
   * Capture `console.log` / `info` / `debug` (into stdout) and `console.warn` / `error` (into
   * stderr) while the program runs; default `true`. The console is shared by the process, so
   * do not run `runCli` calls concurrently with this on.
   */
  readonly captureConsole?: boolean;
  /**
   * Turn a `process.exit(code)` during the run into the end of the run with that exit code,
   * instead of the end of the process; default `true`.
   */
  readonly interceptExit?: boolean;
}

/**
 * What a {@link runCli} run printed and how it ended.
 *
 * @example
 * ```ts
 * import type { CliResult } from "hooksmith/testing";
 *
 * const succeeded = (result: CliResult) => result.exitCode === 0 && result.error === undefined;
 * ```
 */
export interface CliResult {
  /** Everything written to the standard output. */
  readonly stdout: string;
  /** Everything written to the standard error. */
  readonly stderr: string;
  /** Both, in the order they were written. */
  readonly output: string;
  /** The exit code. */
  readonly exitCode: number;
  /** What the program threw, unless it was an exit request (`exitCode` property, `process.exit`). */
  readonly error: unknown;
}

const stdoutMethods = ["log", "info", "debug"] as const;
const stderrMethods = ["warn", "error"] as const;

/**
 * Runs a host's command line with an explicit plugin list and user arguments, capturing its
 * output and exit code, without exiting the process.
 *
 * With a **program factory** (a function), the harness calls it with
 * `{ argv, plugins, entryPoints: false, io, cwd }`, then calls `exitOverride()` and
 * `configureOutput({ writeOut, writeErr })` on the returned program and on every command under
 * it (`commands`), and `parseAsync(argv, { from: "user" })`. With `{ run }`, it calls
 * `run(argv, { argv, plugins, entryPoints: false, io, cwd })` and takes its return value as the
 * exit code. Nothing here depends on a command-line framework.
 *
 * The exit code is, in order: the `exitCode` of an error the program threw that has one (a
 * commander exit: 0 for `--help`, 1 for an unknown command), the code given to an intercepted
 * `process.exit()`, the number `run` returned, 1 when the program threw anything else (then in
 * `error`), `process.exitCode` when the run set it, otherwise 0. `process.exitCode` is restored
 * after the run.
 *
 * @param host - A program factory, or `{ run }`.
 * @param argv - The user arguments, e.g. `["hello", "--name", "Ada"]`.
 * @param options - `plugins`, `cwd`, `captureConsole` (default `true`), `interceptExit` (default `true`).
 * @returns The output and the exit code.
 * @throws {TestHarnessError} `HOOKSMITH_INVALID_HARNESS_INPUT` for a malformed plugin list or a
 *   factory that returns no program.
 * @throws What the factory throws while building the program (e.g. a `SubcommandConflictError`).
 * @example
 * ```ts
 * import { runCli } from "hooksmith/testing";
 * import { createProgram } from "mini-nebari";
 * import * as hello from "./index.ts";
 *
 * const result = await runCli(createProgram, ["hello", "--name", "Ada"], { plugins: { "nebari-subcommand-hello": hello } });
 * console.log(result.exitCode, result.stdout); // 0 "Hello Ada\n"
 * ```
 */
export async function runCli(host: CliHost, argv: readonly string[], options: RunCliOptions = {}): Promise<CliResult> {
  if (typeof host !== "function" && typeof (host as { run?: unknown } | null)?.run !== "function") {
    throw new TestHarnessError(
      `runCli needs a program factory or { run }, got ${describeValue(host)}`,
      "HOOKSMITH_INVALID_HARNESS_INPUT",
    );
  }
  if (!Array.isArray(argv) || argv.some((arg) => typeof arg !== "string")) {
    throw new TestHarnessError(
      `runCli needs the user arguments as an array of strings, got ${describeValue(argv)}`,
      "HOOKSMITH_INVALID_HARNESS_INPUT",
    );
  }
  const plugins = namedPluginEntries(options.plugins, "runCli plugins");
  const chunks: { stream: "stdout" | "stderr"; text: string }[] = [];
  const writer = (stream: "stdout" | "stderr"): CliOutput => ({
    write: (text: string) => {
      chunks.push({ stream, text: String(text) });
      return true;
    },
  });
  const io: CliIo = Object.freeze({ stdout: writer("stdout"), stderr: writer("stderr") });
  const args = Object.freeze([...argv]);
  const programOptions: CliProgramOptions = Object.freeze({
    argv: args,
    plugins,
    entryPoints: false as const,
    io,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });

  let program: CliProgram | undefined;
  if (typeof host === "function") {
    program = await host(programOptions);
    if (typeof (program as { parseAsync?: unknown } | null)?.parseAsync !== "function") {
      throw new TestHarnessError(
        `runCli: the program factory returned ${describeValue(program)}, not a program with parseAsync(argv, { from: "user" })`,
        "HOOKSMITH_INVALID_HARNESS_INPUT",
      );
    }
    prepare(program, io, new Set());
  }

  const restore = patchProcess(io, options.captureConsole !== false, options.interceptExit !== false);
  let exitCode: number | undefined;
  let error: unknown;
  try {
    if (program !== undefined) {
      await program.parseAsync(args, { from: "user" });
    } else {
      const returned = await (host as { readonly run: CliRunFunction }).run(args, programOptions);
      if (typeof returned === "number") exitCode = returned;
    }
  } catch (caught) {
    const requested = exitCodeOf(caught);
    if (requested !== undefined) exitCode = requested;
    else error = caught;
  } finally {
    const processExitCode = restore();
    exitCode ??= error !== undefined ? 1 : processExitCode;
  }
  const text = (stream?: "stdout" | "stderr"): string =>
    chunks
      .filter((chunk) => stream === undefined || chunk.stream === stream)
      .map((chunk) => chunk.text)
      .join("");
  return Object.freeze({ stdout: text("stdout"), stderr: text("stderr"), output: text(), exitCode: exitCode ?? 0, error });
}

/**
 * Makes a program (and its subcommands) throw instead of exiting, and write to `io`.
 *
 * @param program - The program.
 * @param io - The capture.
 * @param seen - Commands already prepared.
 */
function prepare(program: CliProgram, io: CliIo, seen: Set<CliProgram>): void {
  if (seen.has(program)) return;
  seen.add(program);
  program.exitOverride?.();
  program.configureOutput?.({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text) });
  for (const command of program.commands ?? []) prepare(command, io, seen);
}

/** Thrown by an intercepted `process.exit()`. */
class ExitRequest extends Error {
  override name: string = "ExitRequest";
  readonly exitCode: number;

  constructor(code: number) {
    super(`process.exit(${code}) was called`);
    this.exitCode = code;
  }
}

/**
 * Routes the console into `io`, intercepts `process.exit` and isolates `process.exitCode` for
 * the duration of a run.
 *
 * @param io - The capture.
 * @param captureConsole - Whether to patch the console.
 * @param interceptExit - Whether to patch `process.exit`.
 * @returns A function that undoes it and returns the `process.exitCode` the run set.
 */
function patchProcess(io: CliIo, captureConsole: boolean, interceptExit: boolean): () => number | undefined {
  const process = currentProcess();
  if (process === undefined) throw unsupportedRuntime("runCli");
  const consoleObject = console as unknown as Record<string, unknown>;
  const savedConsole = new Map<string, unknown>();
  if (captureConsole) {
    for (const [methods, output] of [
      [stdoutMethods, io.stdout],
      [stderrMethods, io.stderr],
    ] as const) {
      for (const method of methods) {
        savedConsole.set(method, consoleObject[method]);
        consoleObject[method] = (...values: unknown[]) => void output.write(`${format(values)}\n`);
      }
    }
  }
  const savedExit = process.exit;
  if (interceptExit) {
    process.exit = ((code?: number | string | null) => {
      throw new ExitRequest(
        code === undefined || code === null ? (typeof process.exitCode === "number" ? process.exitCode : 0) : Number(code),
      );
    }) as typeof process.exit;
  }
  const savedExitCode = process.exitCode;
  process.exitCode = undefined;
  return () => {
    for (const [method, original] of savedConsole) consoleObject[method] = original;
    if (interceptExit) process.exit = savedExit;
    const set = process.exitCode;
    process.exitCode = savedExitCode;
    return typeof set === "number" ? set : typeof set === "string" && set !== "" ? Number(set) : undefined;
  };
}

/**
 * @param error - Something a program threw.
 * @returns Its exit code, when it is an exit request (an integer `exitCode` property).
 */
function exitCodeOf(error: unknown): number | undefined {
  const code = (error as { exitCode?: unknown } | null)?.exitCode;
  return typeof code === "number" && Number.isInteger(code) ? code : undefined;
}

// Formats console arguments as Node's console does (util.format); without Node, joins their strings.
function format(values: readonly unknown[]): string {
  const util = nodeBuiltin<typeof import("node:util")>("node:util");
  return util === undefined ? values.map(String).join(" ") : util.format(...values);
}
