// Runs the real mini-nebari CLI (examples/mini-nebari/bin/mini-nebari.js) as a child process in
// temporary project folders.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (no trailing slash). */
export const repo = fileURLToPath(new URL("../../..", import.meta.url)).replace(/\/$/, "");
/** The CLI's launcher. */
export const bin = join(repo, "examples/mini-nebari/bin/mini-nebari.js");
/** The example plugin loaded with --import-plugin from its .ts file. */
export const statusPlugin = join(repo, "examples/plugins/nebari-plugin-status/src/index.ts");

/** The timeout of a test that runs the CLI (each run starts Node and tsx: about half a second, more on a busy machine). */
export const cliTimeout = 60_000;

/** A config every built-in stage accepts. */
export const validConfig = `project_name: demo
network:
  domain: demo.local
  port: 8443
apps:
  - name: hub
  - name: dask
    replicas: 2
`;

/** What a CLI run printed and how it exited. */
export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Options of {@link mini}. */
export interface MiniOptions {
  /** The working directory (a project folder). */
  readonly cwd: string;
  /**
   * Whether installed plugins are discovered: `false` sets MINI_NEBARI_DISABLE_PLUGIN_AUTOLOAD,
   * so only the built-ins and --import-plugin ones load. Default `true`.
   */
  readonly autoload?: boolean;
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Runs `mini-nebari ...args` and resolves with its output and exit code (never rejects on a
 * non-zero exit).
 *
 * @param args - The arguments.
 * @param options - The working directory, autoload.
 * @returns Output and exit code.
 */
export function mini(args: readonly string[], options: MiniOptions): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env["MINI_NEBARI_DISABLE_PLUGIN_AUTOLOAD"];
  delete env["MINI_NEBARI_DEBUG"];
  if (options.autoload === false) env["MINI_NEBARI_DISABLE_PLUGIN_AUTOLOAD"] = "1";
  Object.assign(env, options.env);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: options.cwd, env, encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== "number") {
          reject(error);
          return;
        }
        resolve({ stdout, stderr, exitCode: error === null ? 0 : (error.code as number) });
      },
    );
  });
}

const folders: string[] = [];

/**
 * Creates a temporary project folder holding `files` (text by relative path, or a symlink).
 *
 * @param files - The files; by default a valid mini-nebari-config.yaml.
 * @returns The folder's real path.
 */
export async function project(
  files: Record<string, string | { symlink: string }> = { "mini-nebari-config.yaml": validConfig },
): Promise<string> {
  const folder = await realpath(await mkdtemp(join(tmpdir(), "mini-nebari-test-")));
  folders.push(folder);
  for (const [path, content] of Object.entries(files)) {
    const target = join(folder, path);
    await mkdir(dirname(target), { recursive: true });
    if (typeof content === "string") await writeFile(target, content);
    else await symlink(content.symlink, target, "dir");
  }
  return folder;
}

/** Removes every folder made by {@link project}. */
export async function removeProjects(): Promise<void> {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
}

/**
 * Lists the files under a folder, relative, sorted.
 *
 * @param folder - The folder.
 * @returns The relative paths.
 */
export async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}
