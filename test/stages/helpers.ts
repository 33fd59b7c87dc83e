// Shared fixtures for the stage tests: small stage classes built on the public API.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { NebariStage, type StageClass } from "../../src/index.ts";

/** Statics a test stage may set besides its name and priority. */
export interface StageStatics {
  readonly after?: readonly string[];
  readonly before?: readonly string[];
  readonly className?: string;
}

/**
 * Builds a stage class with the given identity; its class name is `className` or `Stage_<name>`.
 *
 * @param stageName - The stage name.
 * @param priority - The priority.
 * @param statics - Ordering constraints and the class name.
 * @returns A new class.
 */
export function stage(stageName: string, priority: number, statics: StageStatics = {}): StageClass {
  const Stage = class extends NebariStage {
    static override stageName = stageName;
    static override priority = priority;
    static override after = statics.after;
    static override before = statics.before;
  };
  Object.defineProperty(Stage, "name", { value: statics.className ?? `Stage_${stageName.replace(/\W/g, "_")}` });
  return Stage;
}

/**
 * @param stages - Stage classes.
 * @returns Their stage names.
 */
export function names(stages: readonly StageClass[]): string[] {
  return stages.map((s) => s.stageName);
}

/**
 * Creates a fresh temporary directory.
 *
 * @returns Its path and a function removing it.
 */
export async function tempDirectory(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), "hooksmith-stages-"));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Lists every file under a directory, `/`-separated, sorted.
 *
 * @param root - The directory.
 * @returns Relative file paths.
 */
export async function listTree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}
