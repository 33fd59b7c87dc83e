// Issue 14 (hardening), item 5: a plugin module that exports a function named `then` is a
// thenable. The loader resolved promises with the module namespace (the promise of `import()`
// itself, then the async loader returning it), so that `then` was called instead, and it never
// called back: importPlugin and loadEntrypoints never settled, `onError: "skip"` did not help, and
// the example host exited with code 13 and no message. The module is now loaded as a normal
// namespace whose `then` is just one of its members.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { PluginManager, type PluginLoadError } from "hooksmith";
import { loadLog, makeTree, pluginPackage, removeTrees, resetLoadLog } from "../discovery/fixtures.ts";

afterAll(removeTrees);
beforeEach(resetLoadLog);

const mark = `(fn) => { fn[Symbol.for("example.hookimpl")] = {}; return fn; }`;
/** A plugin module exporting `then`, which never calls back, beside a hook implementation. */
const thenableEsm = (id: string): string => `(globalThis.hooksmithLoadLog ??= []).push(${JSON.stringify(id)});
export function then(_resolve, _reject) { (globalThis.hooksmithThenCalls ??= []).push(${JSON.stringify(id)}); }
export const greet = (${mark})(() => "hello from ${id}");
`;

const thenCalls = (): string[] => (globalThis as { hooksmithThenCalls?: string[] }).hooksmithThenCalls ?? [];
beforeEach(() => {
  (globalThis as { hooksmithThenCalls?: string[] }).hooksmithThenCalls = [];
});

describe("a plugin module that exports then", () => {
  it.each([
    ["an ES module", "plugin.mjs", thenableEsm("esm")],
    ["a CommonJS module", "plugin.cjs", `exports.then = function () {};\nexports.greet = (${mark})(() => "hello from cjs");\n`],
    [
      "a TypeScript module",
      "plugin.mts",
      `export function then(_resolve: unknown): void {}\nexport const greet = ((fn: () => string) => Object.assign(fn, { [Symbol.for("example.hookimpl")]: {} }))(() => "hello from ts");\n`,
    ],
    [
      "a module whose default export is its only export",
      "default.mjs",
      `export default { then() {}, greet: (${mark})(() => "hello from default") };\n`,
    ],
  ])("is imported as %s and registered with then as a plain member", async (_kind, file, source) => {
    const root = await makeTree({ [file]: source });
    const pm = new PluginManager("example");

    const name = await pm.importPlugin(`./${file}`, undefined, { cwd: root });

    const plugin = pm.getPlugin(name) as { then?: unknown };
    expect(typeof plugin.then).toBe("function");
    expect((pm.hook as unknown as Record<string, () => unknown[]>)["greet"]!()).toEqual([expect.stringMatching(/^hello from /)]);
    expect(thenCalls()).toEqual([]);
  });

  it("is loaded from an entry point, with onError: skip and without, among other plugins", async () => {
    const root = await makeTree({
      "node_modules/a-thenable/package.json": pluginPackage("a-thenable", { thenable: "./index.js" }),
      "node_modules/a-thenable/index.js": thenableEsm("thenable"),
      "node_modules/b-plain/package.json": pluginPackage("b-plain", { plain: "./index.js" }),
      "node_modules/b-plain/index.js": `(globalThis.hooksmithLoadLog ??= []).push("plain");\nexport const greet = (${mark})(() => "hello from plain");\n`,
    });

    for (const onError of ["throw", "skip"] as const) {
      const pm = new PluginManager("example");
      const failures: PluginLoadError[] = [];
      await expect(
        pm.loadEntrypoints("example", undefined, { cwd: root, onError, onFailure: (failure) => failures.push(failure) }),
      ).resolves.toBe(2);
      expect(failures).toEqual([]);
      expect((pm.hook as unknown as Record<string, () => unknown[]>)["greet"]!()).toEqual([
        "hello from plain",
        "hello from thenable",
      ]);
    }
    expect(loadLog()).toEqual(["thenable", "plain"]);
    expect(thenCalls()).toEqual([]);
  });

  it("can implement a hook named then", async () => {
    const root = await makeTree({ "then-hook.mjs": `export const then = (${mark})(({ value }) => value * 2);\n` });
    const pm = new PluginManager("example");

    await pm.importPlugin("./then-hook.mjs", "then-hook", { cwd: root });

    expect((pm.hook as unknown as Record<string, (args: object) => unknown[]>)["then"]!({ value: 21 })).toEqual([42]);
  });
});
