// Shared fixtures of the hooksmith/testing tests.
import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const roots: string[] = [];

/**
 * Creates a temporary folder (its real path) holding `files` (path relative to the folder →
 * text, or a JSON value).
 *
 * @param files - The files to write.
 * @returns The folder.
 */
export async function makeTree(files: Record<string, string | object>): Promise<string> {
  const root = await realpath(await mkdtemp(join(tmpdir(), "hooksmith-testing-")));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
  return root;
}

/** Removes every folder made by {@link makeTree}. */
export async function removeTrees(): Promise<void> {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}
