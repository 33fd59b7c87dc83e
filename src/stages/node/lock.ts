// The lock on an output directory under Node: a file `.hooksmith.lock` holding who took it. It
// appears complete or not at all (written to a temporary file, then hard-linked into place, which
// fails when the name exists), and a lock whose process is gone (same host, pid not running) is
// taken over at once. See docs/stage-flows.md for why this is not proper-lockfile.
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { link, mkdir, open, readFile, realpath, rename, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { StageLockError } from "../errors.ts";
import type { LockOutputDirectoryOptions, OutputDirectoryLock, StageLockHolder } from "../lock.ts";
import { LOCK_FILE } from "./render-paths.ts";
import { codeOf } from "./safe-files.ts";

/** What the lock file holds: the holder, and a token telling this lock from a later one. */
interface LockRecord extends StageLockHolder {
  readonly token: string;
}

/**
 * The tokens of the locks this process holds. A lock file naming this process's pid with
 * another token was left by an earlier process that had the same pid (containers restart with
 * the same small pids): it is stale.
 */
const heldTokens = new Set<string>();

/** Takes the lock of an output directory: `lockOutputDirectory` under Node. */
export async function lockOutputDirectoryOnDisk(
  outputDirectory: string,
  options: LockOutputDirectoryOptions = {},
): Promise<OutputDirectoryLock> {
  if (typeof outputDirectory !== "string" || outputDirectory === "") {
    throw new TypeError(`lockOutputDirectory needs an output directory, got ${JSON.stringify(outputDirectory)}`);
  }
  const flow = options.flow ?? "lock";
  let directory: string;
  try {
    await mkdir(resolve(outputDirectory), { recursive: true });
    directory = await realpath(resolve(outputDirectory));
  } catch (error) {
    throw new StageLockError({
      code: "HOOKSMITH_STAGE_LOCK_FAILED",
      file: join(resolve(outputDirectory), LOCK_FILE),
      cause: error,
    });
  }
  const file = join(directory, LOCK_FILE);
  const record: LockRecord = {
    pid: process.pid,
    hostname: hostname(),
    since: new Date().toISOString(),
    flow,
    token: randomBytes(12).toString("hex"),
  };
  // Two rounds: a stale lock taken over once, then whoever holds it is reported.
  for (let round = 0; round < 2; round += 1) {
    let created: boolean;
    try {
      created = await createLockFile(file, record);
    } catch (error) {
      throw new StageLockError({ code: "HOOKSMITH_STAGE_LOCK_FAILED", file, cause: error });
    }
    if (created) {
      heldTokens.add(record.token);
      return new HeldLock(directory, file, record);
    }
    const current = await readLockRecord(file);
    if (current === "missing") continue;
    if (current !== undefined && round === 0 && isGone(current) && (await takeOver(file, current, record.token))) continue;
    throw new StageLockError({
      code: "HOOKSMITH_STAGE_LOCKED",
      file,
      holder: current === undefined ? undefined : holderOf(current),
    });
  }
  throw new StageLockError({ code: "HOOKSMITH_STAGE_LOCKED", file, holder: undefined });
}

/** A lock this process holds. */
class HeldLock implements OutputDirectoryLock {
  readonly outputDirectory: string;
  readonly file: string;
  readonly holder: StageLockHolder;
  readonly #token: string;
  #released = false;

  constructor(outputDirectory: string, file: string, record: LockRecord) {
    this.outputDirectory = outputDirectory;
    this.file = file;
    this.holder = Object.freeze(holderOf(record));
    this.#token = record.token;
  }

  get released(): boolean {
    return this.#released;
  }

  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    heldTokens.delete(this.#token);
    // Remove the file only while it is still ours: a lock taken over after this process was
    // thought gone belongs to someone else now.
    const current = await readLockRecord(this.file);
    if (typeof current === "object" && current.token === this.#token) await rm(this.file, { force: true });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.release();
  }
}

/**
 * Creates the lock file with its whole content, or finds it taken.
 *
 * @param file - The lock file.
 * @param record - What to write.
 * @returns `true` when created, `false` when the name exists.
 */
async function createLockFile(file: string, record: LockRecord): Promise<boolean> {
  const text = `${JSON.stringify(record)}\n`;
  const temporary = `${file}.${record.token}.tmp`;
  await writeExclusive(temporary, text);
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if (codeOf(error) === "EEXIST") return false;
    // A file system without hard links: create the name exclusively and write into it.
    if (codeOf(error) === "EPERM" || codeOf(error) === "ENOTSUP" || codeOf(error) === "EOPNOTSUPP") {
      try {
        await writeExclusive(file, text);
        return true;
      } catch (fallback) {
        if (codeOf(fallback) === "EEXIST") return false;
        throw fallback;
      }
    }
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * @param file - A path that must not exist.
 * @param text - Its content.
 */
async function writeExclusive(file: string, text: string): Promise<void> {
  const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}

/**
 * Reads the lock file.
 *
 * @param file - The lock file.
 * @returns Its record, `"missing"` when there is none, `undefined` when it cannot be understood.
 */
async function readLockRecord(file: string): Promise<LockRecord | "missing" | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return codeOf(error) === "ENOENT" ? "missing" : undefined;
  }
  try {
    const data = JSON.parse(text) as Partial<LockRecord> | null;
    if (
      typeof data?.pid === "number" &&
      typeof data.hostname === "string" &&
      typeof data.since === "string" &&
      typeof data.flow === "string" &&
      typeof data.token === "string"
    ) {
      return data as LockRecord;
    }
  } catch {
    // Not JSON: an unknown holder.
  }
  return undefined;
}

/**
 * Tells whether the process that took a lock is gone: it ran on this host and its pid runs no
 * process. A lock of another host is never judged gone (its processes cannot be seen).
 *
 * @param record - The lock's record.
 * @returns `true` when the holder is certainly gone.
 */
function isGone(record: LockRecord): boolean {
  if (record.hostname !== hostname() || !Number.isInteger(record.pid) || record.pid <= 0) return false;
  if (record.pid === process.pid) return !heldTokens.has(record.token);
  try {
    process.kill(record.pid, 0);
    return false;
  } catch (error) {
    return codeOf(error) === "ESRCH";
  }
}

/**
 * Removes a stale lock, making sure it is the stale one: the file is moved aside (atomic), and
 * put back when what was moved turns out to be a lock taken in between.
 *
 * @param file - The lock file.
 * @param stale - The record judged stale.
 * @param token - The token of the run taking over, for a unique name.
 * @returns `true` when the stale lock was removed.
 */
async function takeOver(file: string, stale: LockRecord, token: string): Promise<boolean> {
  const aside = `${file}.${token}.stale`;
  try {
    await rename(file, aside);
  } catch {
    return false;
  }
  const moved = await readLockRecord(aside);
  if (typeof moved === "object" && moved.token !== stale.token) {
    await link(aside, file).catch(() => undefined);
    await rm(aside, { force: true });
    return false;
  }
  await rm(aside, { force: true });
  return true;
}

/**
 * @param record - A lock record.
 * @returns The holder part of it.
 */
function holderOf(record: LockRecord): StageLockHolder {
  return { pid: record.pid, hostname: record.hostname, since: record.since, flow: record.flow };
}
