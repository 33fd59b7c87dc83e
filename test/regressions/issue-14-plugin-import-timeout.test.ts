// Issue 14 (hardening), item 6: a plugin module whose top-level `await` never settles stalled
// loading forever, with no timeout and no way to abort (and, with nothing else pending, Node
// exited with code 13 and no message). importPlugin and loadEntrypoints now take `timeout` and
// `signal`: they reject promptly with a PluginLoadError naming the plugin and its file. An ES
// module that never finishes evaluating cannot be cancelled; it is left loading, and nothing is
// registered, and no rejection goes unhandled, if it finishes later.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { PluginLoadError, PluginManager } from "hooksmith";
import { esmPlugin, loadLog, makeTree, pluginPackage, removeTrees, resetLoadLog } from "../discovery/fixtures.ts";

afterAll(removeTrees);
beforeEach(resetLoadLog);

interface Gates {
  hooksmithGates?: Record<string, { open: () => void; fail: (error: Error) => void }>;
}
const gates = (): NonNullable<Gates["hooksmithGates"]> => ((globalThis as Gates).hooksmithGates ??= {});

/** A module whose top-level await waits until the test opens (or fails) its gate, or forever. */
const gatedPlugin = (id: string): string => `(globalThis.hooksmithLoadLog ??= []).push(${JSON.stringify(id)});
await new Promise((open, fail) => { (globalThis.hooksmithGates ??= {})[${JSON.stringify(id)}] = { open, fail }; });
export const id = ${JSON.stringify(id)};
`;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});

/** Lets pending promise jobs and one timer turn run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

describe("importPlugin with a timeout", () => {
  it("rejects with HOOKSMITH_PLUGIN_IMPORT_TIMEOUT naming the plugin and its file, and registers nothing", async () => {
    const root = await makeTree({ "stuck.mjs": gatedPlugin("stuck") });
    const pm = new PluginManager("example");
    const started = Date.now();

    const error = (await pm
      .importPlugin("./stuck.mjs", undefined, { cwd: root, timeout: 300 })
      .catch((caught: unknown) => caught)) as PluginLoadError;

    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(PluginLoadError);
    expect([error.code, error.pluginName, error.file]).toEqual([
      "HOOKSMITH_PLUGIN_IMPORT_TIMEOUT",
      "./stuck.mjs",
      `${root}/stuck.mjs`,
    ]);
    expect(error.message.replaceAll(root, "<root>")).toBe(
      'Cannot load plugin "./stuck.mjs" (<root>/stuck.mjs): the module did not finish loading within 300 ms (does its top-level code await something that never settles?)',
    );
    expect(pm.hasPlugin("./stuck.mjs")).toBe(false);
    expect(loadLog()).toEqual(["stuck"]);
  });

  it("registers nothing when the module finishes after the timeout, and leaves no unhandled rejection when it fails", async () => {
    const root = await makeTree({ "late.mjs": gatedPlugin("late"), "late-failure.mjs": gatedPlugin("late-failure") });
    const pm = new PluginManager("example");

    await expect(pm.importPlugin("./late.mjs", "late", { cwd: root, timeout: 200 })).rejects.toMatchObject({
      code: "HOOKSMITH_PLUGIN_IMPORT_TIMEOUT",
    });
    await expect(pm.importPlugin("./late-failure.mjs", "late-failure", { cwd: root, timeout: 200 })).rejects.toMatchObject({
      code: "HOOKSMITH_PLUGIN_IMPORT_TIMEOUT",
    });
    gates()["late"]!.open();
    gates()["late-failure"]!.fail(new Error("failed after the timeout"));
    await settle();

    expect([pm.hasPlugin("late"), pm.hasPlugin("late-failure"), pm.getPlugins().size]).toEqual([false, false, 0]);
    expect(unhandled).toEqual([]);
    // Once finished, the module loads at once.
    await expect(pm.importPlugin("./late.mjs", "late", { cwd: root, timeout: 200 })).resolves.toBe("late");
  });

  it("rejects with HOOKSMITH_PLUGIN_IMPORT_ABORTED and the signal's reason as cause when the signal aborts", async () => {
    const root = await makeTree({ "waits.mjs": gatedPlugin("waits"), "other.mjs": esmPlugin("other") });
    const pm = new PluginManager("example");
    const controller = new AbortController();
    const reason = new Error("user pressed Ctrl-C");

    const pending = pm.importPlugin("./waits.mjs", undefined, { cwd: root, signal: controller.signal });
    setTimeout(() => controller.abort(reason), 100);
    const error = (await pending.catch((caught: unknown) => caught)) as PluginLoadError;

    expect([error.code, error.pluginName, error.cause]).toEqual(["HOOKSMITH_PLUGIN_IMPORT_ABORTED", "./waits.mjs", reason]);
    expect(error.message.replaceAll(root, "<root>")).toBe(
      'Cannot load plugin "./waits.mjs" (<root>/waits.mjs): loading was aborted: user pressed Ctrl-C',
    );
    // An aborted signal stops the next import before it starts.
    await expect(pm.importPlugin("./other.mjs", undefined, { cwd: root, signal: controller.signal })).rejects.toMatchObject({
      code: "HOOKSMITH_PLUGIN_IMPORT_ABORTED",
      pluginName: "./other.mjs",
    });
    expect(loadLog()).toEqual(["waits"]);
    expect(pm.getPlugins().size).toBe(0);
  });
});

describe("loadEntrypoints with a timeout or a signal", () => {
  const tree = {
    "node_modules/a-first/package.json": pluginPackage("a-first", { first: "./index.js" }),
    "node_modules/a-first/index.js": esmPlugin("first"),
    "node_modules/b-stuck/package.json": pluginPackage("b-stuck", { stuck: "./index.js" }),
    "node_modules/b-stuck/index.js": gatedPlugin("entry-stuck"),
    "node_modules/c-last/package.json": pluginPackage("c-last", { last: "./index.js" }),
    "node_modules/c-last/index.js": esmPlugin("last"),
  };

  it('skips a module that does not finish in time with onError: "skip", reporting it, and loads the others', async () => {
    const root = await makeTree(tree);
    const pm = new PluginManager("example");
    const failures: PluginLoadError[] = [];

    const count = await pm.loadEntrypoints("example", undefined, {
      cwd: root,
      timeout: 300,
      onError: "skip",
      onFailure: (failure) => failures.push(failure),
    });

    expect(count).toBe(2);
    expect(failures.map((failure) => [failure.code, failure.pluginName, failure.packageName, failure.file])).toEqual([
      ["HOOKSMITH_PLUGIN_IMPORT_TIMEOUT", "stuck", "b-stuck", `${root}/node_modules/b-stuck/index.js`],
    ]);
    expect(pm.listNamePlugin().map(([name]) => name)).toEqual(["first", "last"]);
  });

  it("stops the whole load when the signal aborts, even with onError: skip", async () => {
    const root = await makeTree(tree);
    const pm = new PluginManager("example");
    const failures: PluginLoadError[] = [];
    const controller = new AbortController();

    const pending = pm.loadEntrypoints("example", undefined, {
      cwd: root,
      signal: controller.signal,
      onError: "skip",
      onFailure: (failure) => failures.push(failure),
    });
    setTimeout(() => controller.abort(new Error("shutting down")), 200);
    const error = (await pending.catch((caught: unknown) => caught)) as PluginLoadError;

    expect([error.code, error.pluginName, error.packageName]).toEqual(["HOOKSMITH_PLUGIN_IMPORT_ABORTED", "stuck", "b-stuck"]);
    expect(failures).toEqual([]);
    expect(pm.listNamePlugin().map(([name]) => name)).toEqual(["first"]);
    expect(loadLog()).not.toContain("last");
  });

  it("imports nothing with a signal aborted before the call", async () => {
    const root = await makeTree(tree);
    const pm = new PluginManager("example");

    await expect(
      pm.loadEntrypoints("example", undefined, { cwd: root, signal: AbortSignal.abort(new Error("no")) }),
    ).rejects.toMatchObject({ code: "HOOKSMITH_PLUGIN_IMPORT_ABORTED", pluginName: "first" });
    expect(loadLog()).toEqual([]);
  });
});

describe("the timeout and signal options", () => {
  it.each([
    [{ timeout: 0 }, "the timeout option must be a positive number of milliseconds, got the number 0"],
    [{ timeout: Number.NaN }, "the timeout option must be a positive number of milliseconds, got the number NaN"],
    [{ timeout: "5s" }, 'the timeout option must be a positive number of milliseconds, got the string "5s"'],
    [{ signal: { aborted: false } }, "the signal option must be an AbortSignal, got an object"],
  ])("refuses %j with a TypeError", async (options, message) => {
    const pm = new PluginManager("example");
    await expect(pm.importPlugin("./p.mjs", undefined, options as object)).rejects.toThrow(
      new TypeError(`importPlugin: ${message}`),
    );
    await expect(pm.loadEntrypoints("example", undefined, options as object)).rejects.toThrow(
      new TypeError(`loadEntrypoints: ${message}`),
    );
  });
});
