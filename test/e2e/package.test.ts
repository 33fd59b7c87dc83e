// The published package, as `npm pack` makes it, loads in a plain Node ESM script and through
// `require()` (Node 20.19+ can require ES modules without top-level await), reaches its Node-only
// features through the `#platform` mapping of its package.json, and bundles for other runtimes.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPackedPackage, packedFiles as listPackedFiles } from "./packed-package.ts";

const run = promisify(execFile);
let workspace: string;
let packageDir: string;
let packedFiles: string[];

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), "hooksmith-pack-"));
  packedFiles = listPackedFiles();
  packageDir = await installPackedPackage(workspace);
  // A plugin file for importPlugin, and an empty tsconfig so that esbuild does not pick up the
  // repository's (whose paths map "#platform" to the sources).
  await writeFile(
    join(workspace, "hello-plugin.mjs"),
    `export const hello = Object.assign(({ name }) => "hello " + name + " from a file", { [Symbol.for("demo.hookimpl")]: {} });\n`,
  );
  await writeFile(join(workspace, "tsconfig.json"), "{}\n");
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

  it("runs importPlugin, a Node-only feature behind #platform, from ESM and from require()", async () => {
    const body = `const hookimpl = HookimplMarker("demo");
const pm = new PluginManager("demo");
pm.register({ hello: hookimpl(({ name }) => "hello " + name) }, "inline");
pm.importPlugin("./hello-plugin.mjs", "file").then((name) => {
  console.log(name, JSON.stringify(pm.hook.hello({ name: "you" })));
});`;
    await writeFile(join(workspace, "node-only.mjs"), `import { HookimplMarker, PluginManager } from "hooksmith";\n${body}`);
    await writeFile(join(workspace, "node-only.cjs"), `const { HookimplMarker, PluginManager } = require("hooksmith");\n${body}`);
    for (const script of ["node-only.mjs", "node-only.cjs"]) {
      const { stdout } = await run(process.execPath, [join(workspace, script)], { cwd: workspace });
      expect(stdout.trim(), script).toBe('file ["hello you from a file","hello you"]');
    }
  });

  it.each(["browser", "neutral"] as const)(
    "bundles for platform %s with the default binding, whose Node-only features reject with a coded error",
    async (platform) => {
      const entry = join(workspace, `${platform}-entry.mjs`);
      await writeFile(
        entry,
        `import { PluginManager } from "hooksmith";
const pm = new PluginManager("demo");
pm.importPlugin("./hello-plugin.mjs").then(
  () => console.log("loaded"),
  (error) => console.log(error.code, error.message),
);`,
      );
      const outfile = join(workspace, `${platform}-bundle.mjs`);
      const result = await build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform,
        format: "esm",
        logLevel: "silent",
      });
      expect(result.errors).toEqual([]);
      const bundled = await readFile(outfile, "utf8");
      expect(bundled).not.toMatch(/from\s*["']node:|import\(["']node:/);
      const { stdout } = await run(process.execPath, [outfile], { cwd: workspace });
      expect(stdout.trim()).toBe(
        "HOOKSMITH_UNSUPPORTED_RUNTIME PluginManager.importPlugin needs Node.js (or Deno or Bun): it reads files or loads modules, which this runtime cannot do",
      );
    },
  );

  it("bundles for Node with the Node binding, though the optional peer tsx is not installed", async () => {
    const entry = join(workspace, "node-entry.mjs");
    await writeFile(
      entry,
      `import { HookimplMarker, PluginManager } from "hooksmith";
const pm = new PluginManager("demo");
await pm.importPlugin("./hello-plugin.mjs", "file");
console.log(JSON.stringify(pm.hook.hello({ name: "bundle" })));`,
    );
    const outfile = join(workspace, "node-bundle.mjs");
    const result = await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    const { stdout } = await run(process.execPath, [outfile], { cwd: workspace });
    expect(stdout.trim()).toBe('["hello bundle from a file"]');
  });

  it("ships no source maps, so that no stack trace or bundle map points at a missing file", () => {
    expect(packedFiles.filter((file) => file.endsWith(".map"))).toEqual([]);
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
