// The file operations of the stage harness under Node: a temporary output directory, reading what
// stages wrote, removing the directory.

import { mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Creates a fresh directory under the system's temporary folder and returns its real path. */
export async function createTemporaryDirectory(prefix: string): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), prefix)));
}

/** Reads a file of `directory` by its `/`-separated relative path. */
export async function readOutputFile(directory: string, path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(directory, ...path.split("/"))));
}

/** Removes a directory and everything in it; a missing directory is not an error. */
export async function removeDirectory(directory: string): Promise<void> {
  await rm(directory, { recursive: true, force: true });
}
