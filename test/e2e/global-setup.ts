// Builds and packs the package once before the e2e project runs (see packed-package.ts).
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workspace = await mkdtemp(join(tmpdir(), "hooksmith-packed-"));
  await run(npm, ["run", "build"], { cwd: root });
  const { stdout } = await run(npm, ["pack", "--json", "--pack-destination", workspace], { cwd: root });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  project.provide("packedPackage", { tarball: join(workspace, packed!.filename), files: packed!.files.map((file) => file.path) });
  return async () => {
    await rm(workspace, { recursive: true, force: true });
  };
}
