// The package as `npm pack` makes it, built and packed once for the whole e2e project by
// test/e2e/global-setup.ts (two test files building at once would delete each other's dist/).
import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { inject } from "vitest";

const run = promisify(execFile);

declare module "vitest" {
  export interface ProvidedContext {
    /** The packed tarball, and the paths of the files it holds. */
    packedPackage: { tarball: string; files: string[] };
  }
}

/** The paths of the files the packed package holds. */
export function packedFiles(): string[] {
  return inject("packedPackage").files;
}

/**
 * Installs the packed package as `<directory>/node_modules/hooksmith` (unpacked, as npm would).
 *
 * @returns The package's directory.
 */
export async function installPackedPackage(directory: string): Promise<string> {
  const packageDir = join(directory, "node_modules", "hooksmith");
  await mkdir(packageDir, { recursive: true });
  await run("tar", ["-xzf", inject("packedPackage").tarball, "-C", packageDir, "--strip-components=1"]);
  return packageDir;
}
