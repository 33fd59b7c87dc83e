// The consumer project of the runtime matrix: hooksmith as a user gets it. `npm run build` and
// `npm pack` make the tarball; `npm install` puts it, and the probe plugin's tarball, into a fresh
// project outside the repository; the program's files are copied beside them. Node, Deno and Bun
// run that project unbundled; workerd and Chromium get esbuild bundles made from the installed
// package (platform neutral and browser: no stubs, no polyfills, no Node condition). The project
// lives outside the repository so that nothing of it (tsconfig.json `paths`, vitest aliases, the
// repository's node_modules) can stand in for the installed package.
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readdir, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const root = fileURLToPath(new URL("../../", import.meta.url));
const programDir = fileURLToPath(new URL("./program/", import.meta.url));

/** The files of a prepared consumer project. */
export interface ConsumerProject {
  /** The project directory (a real path). */
  readonly dir: string;
  /** The entry that Node, Deno and Bun run, relative to `dir`. */
  readonly nodeEntry: string;
  /** The workerd bundle (platform neutral), relative to `dir`. */
  readonly workerBundle: string;
  /** The browser bundle (minified), absolute. */
  readonly browserBundle: string;
}

async function npmJson<T>(args: string[], cwd: string): Promise<T> {
  const { stdout } = await run(npm, [...args, "--json"], { cwd, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as T;
}

/** Builds and packs hooksmith, installs it into a new consumer project, and bundles the program. */
export async function prepareConsumer(): Promise<ConsumerProject> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), "hooksmith-runtimes-")));
  await run(npm, ["run", "build"], { cwd: root });
  const [hooksmith] = await npmJson<Array<{ filename: string }>>(["pack", "--pack-destination", dir], root);
  const [probe] = await npmJson<Array<{ filename: string }>>(
    ["pack", join(programDir, "probe-plugin"), "--pack-destination", dir],
    dir,
  );

  await writeFile(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "hooksmith-runtimes-consumer", private: true, type: "module" }, null, 2)}\n`,
  );
  // Local tarballs only: the install needs no registry.
  await run(npm, ["install", "--offline", "--no-audit", "--no-fund", `./${hooksmith!.filename}`, `./${probe!.filename}`], {
    cwd: dir,
  });
  for (const file of await readdir(programDir)) {
    if (file.endsWith(".js")) await copyFile(join(programDir, file), join(dir, file));
  }

  const common = {
    absWorkingDir: dir,
    bundle: true,
    format: "esm",
    target: "es2022",
    logLevel: "silent",
    // Nothing but the package's own `exports` and `imports` decide what is bundled.
    tsconfigRaw: "{}",
  } as const;
  await build({ ...common, entryPoints: [join(dir, "worker.js")], outfile: join(dir, "worker.bundle.js"), platform: "neutral" });
  await build({
    ...common,
    entryPoints: [join(dir, "browser.js")],
    outfile: join(dir, "browser.bundle.js"),
    platform: "browser",
    minify: true,
  });
  return {
    dir,
    nodeEntry: "node-main.js",
    workerBundle: "worker.bundle.js",
    browserBundle: join(dir, "browser.bundle.js"),
  };
}
