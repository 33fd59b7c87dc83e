// Vitest runs modules outside node_modules through its own module runner, also when source code
// calls `import()`. These tests therefore bundle hooksmith to plain JavaScript and run it in a
// separate `node` process, so plugin files are imported by Node itself, as in production.
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { esmPlugin, makeTree, pluginPackage, removeTrees } from "./fixtures.ts";

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
let bundleDir: string;
let bundle: string;

beforeAll(async () => {
  // Inside the project, so that the bundle resolves tsx from the project's node_modules.
  await mkdir(join(projectRoot, ".tmp"), { recursive: true });
  bundleDir = await mkdtemp(join(projectRoot, ".tmp", "discovery-native-"));
  bundle = join(bundleDir, "hooksmith.mjs");
  await build({
    entryPoints: [join(projectRoot, "src/index.ts")],
    outfile: bundle,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["tsx", "tsx/*"],
    logLevel: "silent",
  });
});

afterAll(async () => {
  await removeTrees();
  await rm(bundleDir, { recursive: true, force: true });
});

/** Runs `body` (an async function body with `hooksmith`, `types` and `cwd` in scope) in a fresh `node`; returns what it returns. */
async function inNode(hooksmith: string, cwd: string, body: string): Promise<unknown> {
  const driver = join(cwd, `driver-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(
    driver,
    `import * as hooksmith from ${JSON.stringify(hooksmith)};\nimport { types } from "node:util";\nconst cwd = ${JSON.stringify(cwd)};\nconst result = await (async () => {\n${body}\n})();\nprocess.stdout.write(JSON.stringify(result));\n`,
  );
  const { stdout } = await run(process.execPath, [driver], { cwd });
  return JSON.parse(stdout);
}

describe("PluginManager.importPlugin under plain Node", () => {
  it("imports files outside node_modules with Node's own loader, one module for every spelling", async () => {
    const root = await makeTree({
      "p.mjs": esmPlugin("p"),
      "typed.mts": `export const id: string = "typed";\n`,
    });

    const result = await inNode(
      bundle,
      root,
      `const pm = new hooksmith.PluginManager("example");
       const names = [
         await pm.importPlugin("./p.mjs"),
         await pm.importPlugin("p.mjs", "again"),
         await pm.importPlugin(cwd + "/p.mjs", "and again"),
         await pm.importPlugin("./typed.mts"),
       ];
       const plugin = pm.getPlugin("./p.mjs");
       return {
         names,
         native: types.isModuleNamespaceObject(plugin),
         nativeTs: types.isModuleNamespaceObject(pm.getPlugin("./typed.mts")),
         log: globalThis.hooksmithLoadLog,
         count: pm.getPlugins().size,
       };`,
    );

    expect(result).toEqual({
      names: ["./p.mjs", "./p.mjs", "./p.mjs", "./typed.mts"],
      native: true,
      nativeTs: true,
      log: ["p"],
      count: 2,
    });
  });

  it("loads entry points and reports broken ones with Node's own loader", async () => {
    const root = await makeTree({
      "node_modules/good/package.json": pluginPackage("good", { good: "./index.js" }),
      "node_modules/good/index.js": esmPlugin("good"),
      "node_modules/throws/package.json": pluginPackage("throws", { throws: "./index.js" }),
      "node_modules/throws/index.js": `throw new TypeError("broken at load");\n`,
    });

    const result = await inNode(
      bundle,
      root,
      `const pm = new hooksmith.PluginManager("example");
       const failures = [];
       const count = await pm.loadEntrypoints("example", undefined, { onError: "skip", onFailure: (f) => failures.push([f.code, f.pluginName, f.cause.name]) });
       return { count, failures, native: types.isModuleNamespaceObject(pm.getPlugin("good")) };`,
    );

    expect(result).toEqual({ count: 1, failures: [["HOOKSMITH_PLUGIN_IMPORT_FAILED", "throws", "TypeError"]], native: true });
  });

  it("rejects a TypeScript plugin with HOOKSMITH_TS_LOADER_MISSING when tsx cannot be found", async () => {
    // A copy of the bundle outside the project, where `import("tsx/esm/api")` finds nothing.
    const root = await makeTree({ "plugin.ts": `export const id: string = "ts";\n`, "plugin.mjs": esmPlugin("js") });
    const isolated = join(root, "isolated-hooksmith.mjs");
    await copyFile(bundle, isolated);

    const result = await inNode(
      isolated,
      root,
      `const pm = new hooksmith.PluginManager("example");
       const error = await pm.importPlugin("./plugin.ts").catch((caught) => caught);
       return {
         code: error.code,
         name: error.name,
         message: error.message.replaceAll(cwd, "<root>"),
         js: await pm.importPlugin("./plugin.mjs"),
       };`,
    );

    expect(result).toEqual({
      code: "HOOKSMITH_TS_LOADER_MISSING",
      name: "PluginLoadError",
      message:
        'Cannot load plugin "./plugin.ts" (<root>/plugin.ts): TypeScript plugins are loaded with tsx, an optional peer dependency of hooksmith that is not installed; run `npm install -D tsx`',
      js: "./plugin.mjs",
    });
  });
});

describe("PluginManager.importPlugin of a CommonJS module under plain Node", () => {
  it("registers a module.exports object whose names Node cannot see", async () => {
    const marked = `(fn) => { fn[Symbol.for("example.hookimpl")] = { wrapper: false, hookwrapper: false, optionalhook: false, tryfirst: false, trylast: false }; return fn; }`;
    const root = await makeTree({
      // Object.assign hides the names from Node's CommonJS export detection: only `default` remains.
      "plugin.cjs": `const mark = ${marked};\nmodule.exports = Object.assign({}, { greet: mark(() => "hello from cjs") });\n`,
    });
    const result = await inNode(
      bundle,
      root,
      `const pm = new hooksmith.PluginManager("example");
       await pm.importPlugin("./plugin.cjs", "cjs");
       return pm.hook.greet();`,
    );
    expect(result).toEqual(["hello from cjs"]);
  });
});

describe("plugins that throw, hang or export then, under plain Node", () => {
  it("reports a CommonJS plugin that throws (.cjs, and .ts compiled to CommonJS by tsx) without crashing the process", async () => {
    const root = await makeTree({
      "broken.cjs": `throw new Error("broken cjs");\n`,
      "broken.ts": `throw new Error("broken ts");\nexport {};\n`,
      "untyped.js": `exports.ok = true;\nthrow new Error("broken untyped js");\n`,
    });

    const result = await inNode(
      bundle,
      root,
      `const unhandled = [];
       process.on("unhandledRejection", (reason) => unhandled.push(String(reason)));
       const pm = new hooksmith.PluginManager("example");
       const errors = [];
       for (const file of ["./broken.cjs", "./broken.ts", "./untyped.js"]) {
         errors.push(await pm.importPlugin(file).then(() => "loaded", (error) => [error.code, error.cause.message]));
       }
       await new Promise((resolve) => setTimeout(resolve, 100));
       return { errors, unhandled };`,
    );

    expect(result).toEqual({
      errors: [
        ["HOOKSMITH_PLUGIN_IMPORT_FAILED", "broken cjs"],
        ["HOOKSMITH_PLUGIN_IMPORT_FAILED", "broken ts"],
        ["HOOKSMITH_PLUGIN_IMPORT_FAILED", "broken untyped js"],
      ],
      unhandled: [],
    });
  });

  it("loads modules exporting then in every format, and an untyped .js file by its syntax", async () => {
    const mark = `(fn) => Object.assign(fn, { [Symbol.for("example.hookimpl")]: {} })`;
    const root = await makeTree({
      "then.mjs": `export function then() {}\nexport const greet = (${mark})(() => "mjs");\n`,
      "then.cjs": `exports.then = function () {};\nexports.greet = (${mark})(() => "cjs");\n`,
      "then.mts": `export function then(): void {}\nexport const greet = (${mark})(() => "mts");\n`,
      "then.ts": `export function then(): void {}\nexport const greet = (${mark})(() => "ts");\n`,
      "esm-syntax.js": `export function then() {}\nexport const greet = (${mark})(() => "untyped esm");\n`,
      "cjs-syntax.js": `exports.then = function () {};\nexports.greet = (${mark})(() => "untyped cjs");\n`,
    });

    const result = await inNode(
      bundle,
      root,
      `const pm = new hooksmith.PluginManager("example");
       for (const file of ["./then.mjs", "./then.cjs", "./then.mts", "./then.ts", "./esm-syntax.js", "./cjs-syntax.js"]) {
         await pm.importPlugin(file);
       }
       return { hooks: pm.hook.greet().sort(), namespaces: pm.listNamePlugin().map(([name, plugin]) => [name, types.isModuleNamespaceObject(plugin)]) };`,
    );

    expect(result).toEqual({
      hooks: ["cjs", "mjs", "mts", "ts", "untyped cjs", "untyped esm"],
      namespaces: [
        ["./then.mjs", true],
        ["./then.cjs", false],
        ["./then.mts", true],
        ["./then.ts", false],
        ["./esm-syntax.js", true],
        ["./cjs-syntax.js", false],
      ],
    });
  });

  it("ends a process whose only pending work is a plugin that never finishes loading, with its message", async () => {
    const root = await makeTree({
      "stuck.mjs": `await new Promise(() => {});\nexport const never = true;\n`,
      "host.mjs": `import { PluginManager } from ${JSON.stringify(bundle)};
const pm = new PluginManager("example");
try {
  await pm.importPlugin("./stuck.mjs", undefined, { timeout: 200 });
} catch (error) {
  console.error(error.code, error.pluginName);
  process.exitCode = 1;
}
`,
    });

    const outcome = await run(process.execPath, ["host.mjs"], { cwd: root }).then(
      () => ({ exitCode: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ exitCode: error.code, stderr: error.stderr }),
    );

    expect(outcome).toEqual({ exitCode: 1, stderr: "HOOKSMITH_PLUGIN_IMPORT_TIMEOUT ./stuck.mjs\n" });
  });
});
