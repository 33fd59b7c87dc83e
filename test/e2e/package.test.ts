// The published package, as `npm pack` makes it, loads in a plain Node ESM script and through
// `require()` (Node 20.19+ can require ES modules without top-level await).
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let workspace: string;
let packageDir: string;
let packedFiles: string[];

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), "hooksmith-pack-"));
  await run(npm, ["run", "build"], { cwd: root });
  const { stdout } = await run(npm, ["pack", "--json", "--pack-destination", workspace], { cwd: root });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packedFiles = packed!.files.map((file) => file.path);
  packageDir = join(workspace, "node_modules", "hooksmith");
  await mkdir(packageDir, { recursive: true });
  await run("tar", ["-xzf", join(workspace, packed!.filename), "-C", packageDir, "--strip-components=1"]);
}, 120_000);

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("contains only dist/, package.json, README, LICENSE and CHANGELOG", () => {
    const outside = packedFiles.filter((file) => !/^(dist\/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/.test(file));
    expect(outside).toEqual([]);
    expect(packedFiles).toContain("dist/index.js");
    expect(packedFiles).toContain("dist/index.d.ts");
  });

  it("loads in a plain Node ESM script", async () => {
    const script = join(workspace, "esm.mjs");
    await writeFile(
      script,
      `import { HookimplMarker, PluginManager } from "hooksmith";
const hookimpl = HookimplMarker("demo");
const pm = new PluginManager("demo");
pm.register({ hello: hookimpl(({ name }) => "hello " + name) }, "p");
console.log(JSON.stringify(pm.hook.hello({ name: "esm" })));`,
    );
    const { stdout } = await run(process.execPath, [script], { cwd: workspace });
    expect(stdout.trim()).toBe('["hello esm"]');
  });

  it("loads through require() in a CommonJS script", async () => {
    const script = join(workspace, "cjs.cjs");
    await writeFile(
      script,
      `const { HookimplMarker, PluginManager } = require("hooksmith");
const hookimpl = HookimplMarker("demo");
const pm = new PluginManager("demo");
pm.register({ hello: hookimpl(({ name }) => "hello " + name) }, "p");
console.log(JSON.stringify(pm.hook.hello({ name: "cjs" })));`,
    );
    const { stdout, stderr } = await run(process.execPath, [script], { cwd: workspace });
    expect(stdout.trim()).toBe('["hello cjs"]');
    expect(stderr).not.toMatch(/Error/);
  });

  it("declares every exported subpath with types first", async () => {
    const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as {
      exports: Record<string, string | Record<string, string>>;
    };
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (typeof target === "string") continue;
      expect(Object.keys(target)[0], subpath).toBe("types");
    }
  });
});
