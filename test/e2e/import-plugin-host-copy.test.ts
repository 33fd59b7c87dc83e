// Issue 16, item 7: a plugin file imported by path from a folder with no node_modules/hooksmith
// (a scaffold generated into a temporary folder, `--import-plugin ./plugin.ts` from anywhere)
// failed with "Cannot find package 'hooksmith' imported from ...". Python's
// `nebari --import-plugin path.py` works from any path because the plugin imports the running
// nebari. importPlugin now resolves `hooksmith` (and the host packages named in `hostPackages`)
// from the host for such files, so the plugin gets the host's own module instances.
//
// The host here is a real install: the packed package unpacked into the host's node_modules, run
// by plain `node`, in a temporary folder outside this repository (inside it, `hooksmith` would
// resolve to the repository itself by package self-reference).
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { installPackedPackage } from "./packed-package.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = fileURLToPath(new URL("../..", import.meta.url));
let root: string;
let host: string;
let scaffold: string;

/** The host: imports each plugin given on the command line and reports what the plugin got. */
const hostScript = `import { PluginManager } from "hooksmith";
import { NebariStage } from "hooksmith/nebari";
import { Command } from "commander";

const [cwd, optionsJson, ...specifiers] = process.argv.slice(2);
const report = {};
for (const specifier of specifiers) {
  const pm = new PluginManager("example");
  try {
    const name = await pm.importPlugin(specifier, undefined, { cwd, ...JSON.parse(optionsJson), hostModule: import.meta.url });
    const plugin = pm.getPlugin(name);
    const got = plugin.got ?? {};
    report[specifier] = {
      hooks: pm.hook.greet?.() ?? [],
      samePluginManager: got.PluginManager === PluginManager,
      stageIsHostNebariStage: got.Stage === undefined ? undefined : new got.Stage({ outputDirectory: cwd, config: {} }) instanceof NebariStage,
      sameCommand: got.Command === undefined ? undefined : got.Command === Command,
    };
  } catch (error) {
    report[specifier] = { code: error.code, message: error.message.replaceAll(cwd, "<scaffold>") };
  }
}
process.stdout.write(JSON.stringify(report));
`;

const esmPlugin = (label: string): string => `import { HookimplMarker, PluginManager } from "hooksmith";
import { NebariStage } from "hooksmith/nebari";
class Stage extends NebariStage { static stageName = "scaffold"; static priority = 10; }
export const greet = HookimplMarker("example")(() => "hello from ${label}");
export const got = { PluginManager, Stage };
`;

/** Runs the host on `specifiers` (resolved from the scaffold) with importPlugin `options`. */
async function importInHost(specifiers: string[], options: object = {}): Promise<Record<string, Record<string, unknown>>> {
  const { stdout } = await run(process.execPath, ["host.mjs", scaffold, JSON.stringify(options), ...specifiers], { cwd: host });
  return JSON.parse(stdout) as Record<string, Record<string, unknown>>;
}

async function write(files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), "hooksmith-host-copy-")));
  host = join(root, "host");
  scaffold = join(root, "scaffold");
  await installPackedPackage(host);
  await write({
    [join(host, "package.json")]: JSON.stringify({ name: "host", private: true, type: "module" }),
    [join(host, "host.mjs")]: hostScript,
    // Plugin files inside the host's project: their folder already resolves the host's copy.
    [join(host, "plugins/inside.mjs")]: esmPlugin("inside.mjs"),
    [join(host, "plugins/inside.cjs")]: `const { HookimplMarker, PluginManager } = require("hooksmith");
const { NebariStage } = require("hooksmith/nebari");
class Stage extends NebariStage { static stageName = "inside"; static priority = 10; }
exports.greet = HookimplMarker("example")(() => "hello from inside.cjs");
exports.got = { PluginManager, Stage };
`,
    // The scaffold: no package.json, no node_modules/hooksmith.
    [join(scaffold, "plugin.mjs")]: esmPlugin("plugin.mjs"),
    [join(scaffold, "plugin.mts")]: esmPlugin("plugin.mts"),
    // No package.json says "type": "module": tsx compiles this file to CommonJS (require).
    [join(scaffold, "plugin.ts")]: esmPlugin("plugin.ts"),
    [join(scaffold, "plugin.cjs")]: `const { HookimplMarker, PluginManager } = require("hooksmith");
const { NebariStage } = require("hooksmith/nebari");
class Stage extends NebariStage { static stageName = "scaffold"; static priority = 10; }
exports.greet = HookimplMarker("example")(() => "hello from plugin.cjs");
exports.got = { PluginManager, Stage };
`,
    [join(scaffold, "chain.mjs")]: `import { HookimplMarker } from "hooksmith";
import { Stage } from "./lib/stage.mjs";
import { PluginManager } from "../shared/manager.mjs";
import helper from "./lib/helper.cjs";
export const greet = HookimplMarker("example")(() => "hello from chain.mjs");
export const got = { PluginManager: helper.PluginManager === PluginManager ? PluginManager : undefined, Stage };
`,
    [join(scaffold, "lib/stage.mjs")]: `import { NebariStage } from "hooksmith/nebari";
export class Stage extends NebariStage { static stageName = "chained"; static priority = 10; }
`,
    [join(scaffold, "lib/helper.cjs")]: `exports.PluginManager = require("hooksmith").PluginManager;\n`,
    [join(root, "shared/manager.mjs")]: `export { PluginManager } from "hooksmith";\n`,
    [join(scaffold, "cli.mjs")]: `import { Command } from "commander";
export const got = { PluginManager: undefined, Command };
`,
    [join(scaffold, "internal.mjs")]: `import "hooksmith/core/plugin-manager";\nexport const x = 1;\n`,
    // A second copy of hooksmith next to the plugins, as a scaffold's own npm install makes.
    [join(scaffold, "node_modules/hooksmith/package.json")]: JSON.stringify({
      name: "hooksmith",
      type: "module",
      exports: "./index.js",
    }),
    [join(scaffold, "node_modules/hooksmith/index.js")]: `export const PluginManager = "a second copy";
export const HookimplMarker = (project) => (fn) => Object.assign(fn, { [Symbol.for(project + ".hookimpl")]: {} });
`,
    // An installed package resolves its own dependencies, as any package does.
    [join(scaffold, "node_modules/installed-plugin/package.json")]: JSON.stringify({
      name: "installed-plugin",
      type: "module",
      exports: "./index.js",
    }),
    [join(scaffold, "node_modules/installed-plugin/index.js")]: `import { HookimplMarker, PluginManager } from "hooksmith";
export const greet = HookimplMarker("example")(() => "hello from installed-plugin");
export const got = { PluginManager };
`,
  });
  for (const dependency of ["tsx", "commander"]) {
    await symlink(join(repo, "node_modules", dependency), join(host, "node_modules", dependency), "dir");
  }
}, 180_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("importPlugin of a file outside node_modules, in a compiled host", () => {
  it("gives .mjs, .mts, .ts (compiled to CommonJS by tsx) and .cjs plugins the host's hooksmith", async () => {
    const report = await importInHost(["./plugin.mjs", "./plugin.mts", "./plugin.ts", "./plugin.cjs"]);

    for (const specifier of ["./plugin.mjs", "./plugin.mts", "./plugin.ts", "./plugin.cjs"]) {
      expect(report[specifier], specifier).toEqual({
        hooks: [`hello from ${specifier.slice(2)}`],
        samePluginManager: true,
        stageIsHostNebariStage: true,
      });
    }
  });

  it("gives the host's copy to the files a plugin imports by relative path, also outside its folder and through require", async () => {
    const report = await importInHost(["./chain.mjs"]);

    expect(report["./chain.mjs"]).toEqual({
      hooks: ["hello from chain.mjs"],
      samePluginManager: true,
      stageIsHostNebariStage: true,
    });
  });

  it("prefers the host's copy to a second copy installed next to the plugin", async () => {
    // The scaffold's node_modules holds a fake hooksmith: only the host's makes these checks pass.
    const report = await importInHost(["./plugin.mjs"]);

    expect(report["./plugin.mjs"]?.["samePluginManager"]).toBe(true);
  });

  it("gives the host's copy to a plugin file inside the host's project, which resolves it already", async () => {
    const specifiers = [join(host, "plugins/inside.mjs"), join(host, "plugins/inside.cjs")];
    const report = await importInHost(specifiers);

    for (const specifier of specifiers) {
      expect(report[specifier], specifier).toEqual({
        hooks: [`hello from ${specifier.slice(specifier.lastIndexOf("/") + 1)}`],
        samePluginManager: true,
        stageIsHostNebariStage: true,
      });
    }
  });

  it("leaves an installed package to resolve hooksmith itself", async () => {
    const report = await importInHost(["installed-plugin"]);

    expect(report["installed-plugin"]).toEqual({
      hooks: ["hello from installed-plugin"],
      samePluginManager: false,
      stageIsHostNebariStage: undefined,
    });
  });

  it("gives the packages named in hostPackages from hostModule, and only those", async () => {
    const shared = await importInHost(["./cli.mjs"], { hostPackages: ["commander"] });
    const alone = await importInHost(["./cli.mjs"]);

    expect(shared["./cli.mjs"]).toMatchObject({ sameCommand: true });
    expect(alone["./cli.mjs"]).toMatchObject({ code: "HOOKSMITH_PLUGIN_IMPORT_FAILED" });
    expect(alone["./cli.mjs"]?.["message"]).toMatch(
      /^Cannot load plugin "\.\/cli\.mjs" \(<scaffold>\/cli\.mjs\): the module threw while loading: Cannot find package 'commander' imported from <scaffold>\/cli\.mjs/,
    );
  });

  it("refuses a subpath that hooksmith does not export, as Node would", async () => {
    const report = await importInHost(["./internal.mjs"]);

    expect(report["./internal.mjs"]).toMatchObject({ code: "HOOKSMITH_PLUGIN_IMPORT_FAILED" });
    expect(report["./internal.mjs"]?.["message"]).toContain(
      `Package subpath './core/plugin-manager' is not defined by "exports"`,
    );
  });
});
