// The exclusive lock on an output directory, in every runtime: its public types and function, and
// how the flows take it. Taking it needs Node: the work is done by ./node/lock.ts, reached through
// the `#platform` binding.

import { describeValue } from "../core/describe.ts";
import { isHooksmithError } from "../core/errors.ts";
import { loadPlatform } from "../core/runtime.ts";
import type { StagesPlatform } from "./render.ts";

/**
 * Who holds the lock of an output directory: what a {@link hooksmith!StageLockError} reports.
 *
 * @example
 * ```ts
 * import type { StageLockHolder } from "hooksmith";
 *
 * const holder: StageLockHolder = { pid: 4242, hostname: "ci-runner-3", since: "2026-01-01T12:00:00.000Z", flow: "deploy" };
 * ```
 */
export interface StageLockHolder {
  /** The process id of the run holding the lock. */
  readonly pid: number;
  /** The host it runs on (`os.hostname()`). */
  readonly hostname: string;
  /** When it took the lock, as an ISO 8601 date. */
  readonly since: string;
  /** What it is doing: `"render"`, `"deploy"`, `"destroy"`, or the `flow` given to `lockOutputDirectory`. */
  readonly flow: string;
}

/**
 * A held lock on an output directory, from {@link lockOutputDirectory}. Release it when done
 * (`await using` does).
 *
 * @example
 * ```ts
 * import { lockOutputDirectory, type OutputDirectoryLock } from "hooksmith";
 *
 * const lock: OutputDirectoryLock = await lockOutputDirectory("./out", { flow: "deploy" });
 * await lock.release();
 * ```
 */
export interface OutputDirectoryLock {
  /** The output directory, symbolic links resolved. */
  readonly outputDirectory: string;
  /** The lock file, `.hooksmith.lock` in the output directory. */
  readonly file: string;
  /** This process, as other runs see it. */
  readonly holder: StageLockHolder;
  /** Whether `release()` was called. */
  readonly released: boolean;
  /** Removes the lock file (when it is still this lock's); idempotent. */
  release(): Promise<void>;
  /** Same as `release()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Options of {@link lockOutputDirectory}.
 *
 * @example
 * ```ts
 * import type { LockOutputDirectoryOptions } from "hooksmith";
 *
 * const options: LockOutputDirectoryOptions = { flow: "deploy" };
 * ```
 */
export interface LockOutputDirectoryOptions {
  /** What the lock is taken for, shown to a run that finds it taken; default `"lock"`. */
  readonly flow?: string;
}

/**
 * Takes the exclusive lock of an output directory, the one `renderStages`, `deployStages` and
 * `destroyStages` take, for a host that runs several flows as one command (Nebari's deploy
 * renders, then deploys): take it once, pass `lock: false` to the flows, release it at the end.
 *
 * The lock is a file `.hooksmith.lock` in the output directory (created when missing) naming its
 * holder: process id, host, since when, and what for. It is created atomically, so of two runs
 * exactly one gets it; the other fails at once. A lock left by a process that is gone (same
 * host, its pid no longer running) is taken over; one of another host is reported, never taken
 * over (delete the file once you know that run is gone).
 *
 * @param outputDirectory - The directory to lock.
 * @param options - `flow`, the label other runs see.
 * @returns The held lock.
 * @throws {@link hooksmith!StageLockError} `HOOKSMITH_STAGE_LOCKED` naming the holder when another run
 *   (or this process) holds it; `HOOKSMITH_STAGE_LOCK_FAILED` when the lock file cannot be
 *   created (e.g. a read-only directory), with the file system's error as `cause`.
 * @throws {@link hooksmith!HooksmithError} `HOOKSMITH_UNSUPPORTED_RUNTIME` outside Node (and Deno and Bun).
 * @example
 * ```ts
 * import { deployStages, lockOutputDirectory, renderStages } from "hooksmith";
 *
 * await using lock = await lockOutputDirectory("./out", { flow: "deploy" });
 * await renderStages(stages, { config, outputDirectory: "./out", lock: false });
 * await deployStages(stages, { config, outputDirectory: "./out", lock: false });
 * ```
 */
export async function lockOutputDirectory(
  outputDirectory: string,
  options: LockOutputDirectoryOptions = {},
): Promise<OutputDirectoryLock> {
  return (await loadPlatform<StagesPlatform>()).lockOutputDirectory(outputDirectory, options);
}

/**
 * Takes the lock for a flow, as its `lock` option says: `false` none; `true` the lock, or the
 * runtime's refusal; `undefined` (the default) the lock where the runtime can take one, and
 * none elsewhere, so that deploy and destroy keep running in a browser or a worker.
 *
 * @internal
 * @param option - The flow's `lock` option.
 * @param outputDirectory - The flow's output directory.
 * @param flow - The flow, for the holder.
 * @param platform - The platform binding (the one of this runtime by default).
 * @returns The held lock, or `undefined` when the flow runs without one.
 */
export async function lockForFlow(
  option: boolean | undefined,
  outputDirectory: string,
  flow: string,
  platform?: Pick<StagesPlatform, "lockOutputDirectory">,
): Promise<OutputDirectoryLock | undefined> {
  if (option === false) return undefined;
  if (option !== undefined && option !== true) {
    throw new TypeError(`the lock option must be true or false, got ${describeValue(option)}`);
  }
  const binding = platform ?? (await loadPlatform<StagesPlatform>());
  try {
    return await binding.lockOutputDirectory(outputDirectory, { flow });
  } catch (error) {
    if (option === undefined && isHooksmithError(error) && error.code === "HOOKSMITH_UNSUPPORTED_RUNTIME") return undefined;
    throw error;
  }
}

/**
 * Runs a flow under its lock, releasing it whatever happens.
 *
 * @internal
 * @param lock - The held lock, or `undefined`.
 * @param run - The flow.
 * @returns What the flow returns.
 */
export async function withLock<T>(lock: OutputDirectoryLock | undefined, run: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (error) {
    // The flow's failure is the news; a lock that cannot be removed is taken over by the next
    // run anyway, as this process will be gone.
    await lock?.release().catch(() => undefined);
    throw error;
  }
  await lock?.release();
  return result;
}
