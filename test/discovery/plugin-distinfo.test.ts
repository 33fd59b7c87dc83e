import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getPluginRecord, PluginManager, type PluginDistInfo } from "../../src/index.ts";
import { esmPlugin, makeTree, pluginPackage, removeTrees } from "./fixtures.ts";

afterAll(removeTrees);

describe("PluginManager.listPluginDistinfo", () => {
  it("describes an entry point plugin by its package name, version and real file path", async () => {
    const root = await makeTree({
      "packages/real/package.json": pluginPackage("@acme/real", { "acme-real": "./lib/plugin.js" }, { version: "4.5.6" }),
      "packages/real/lib/plugin.js": esmPlugin("real"),
      "node_modules/@acme/real": { symlink: "../../packages/real" },
    });
    const pm = new PluginManager("example");
    await pm.loadEntrypoints("example", undefined, { cwd: root });
    const plugin = pm.getPlugin("acme-real") as object;

    expect(pm.listPluginDistinfo()).toEqual([
      [
        plugin,
        {
          name: "@acme/real",
          pluginName: "acme-real",
          source: "entrypoint",
          packageName: "@acme/real",
          version: "4.5.6",
          packageDir: join(root, "packages/real"),
          path: join(root, "packages/real/lib/plugin.js"),
          group: "example",
          specifier: "./lib/plugin.js",
        } satisfies PluginDistInfo,
      ],
    ]);
  });

  it("gives a file plugin the name and version of the nearest package.json above it", async () => {
    const root = await makeTree({
      "package.json": { name: "host-app", version: "0.9.0" },
      "tools/package.json": { name: "host-tools", version: "1.2.3", type: "module" },
      "tools/plugins/deep/plugin.js": esmPlugin("deep"),
    });
    const pm = new PluginManager("example");
    await pm.importPlugin("./tools/plugins/deep/plugin.js", "deep", { cwd: root });

    const [[plugin, info] = []] = pm.listPluginDistinfo();
    expect(plugin).toBe(pm.getPlugin("deep"));
    expect(info).toEqual({
      name: "host-tools",
      pluginName: "deep",
      source: "import",
      packageName: "host-tools",
      version: "1.2.3",
      packageDir: join(root, "tools"),
      path: join(root, "tools/plugins/deep/plugin.js"),
      group: undefined,
      specifier: "./tools/plugins/deep/plugin.js",
    });
  });

  it("falls back to the registration name for a file plugin outside any package", async () => {
    // The premise: no package.json between the temp folder and the file system root.
    for (let dir = tmpdir(); ; dir = dirname(dir)) {
      expect(existsSync(join(dir, "package.json"))).toBe(false);
      if (dirname(dir) === dir) break;
    }
    const root = await makeTree({ "loose.mjs": esmPlugin("loose") });
    const pm = new PluginManager("example");
    await pm.importPlugin(join(root, "loose.mjs"), "loose");

    const [, info] = pm.listPluginDistinfo()[0]!;
    expect([info.name, info.pluginName, info.source, info.packageName, info.version, info.packageDir, info.path]).toEqual([
      "loose",
      "loose",
      "import",
      undefined,
      undefined,
      undefined,
      join(root, "loose.mjs"),
    ]);
  });

  it("describes a package imported by specifier with that package's name and version", async () => {
    const root = await makeTree({
      "node_modules/imported/package.json": {
        name: "imported",
        version: "7.0.1",
        type: "module",
        exports: { "./hooks": "./src/hooks.js" },
      },
      "node_modules/imported/src/hooks.js": esmPlugin("hooks"),
    });
    const pm = new PluginManager("example");
    await pm.importPlugin("imported/hooks", undefined, { cwd: root });

    const [, info] = pm.listPluginDistinfo()[0]!;
    expect([info.name, info.pluginName, info.source, info.version, info.packageDir, info.path]).toEqual([
      "imported",
      "imported/hooks",
      "import",
      "7.0.1",
      join(root, "node_modules/imported"),
      join(root, "node_modules/imported/src/hooks.js"),
    ]);
  });

  it('lists plugins registered directly with source "register", in the manager\'s plugin order', async () => {
    const root = await makeTree({ "file.mjs": esmPlugin("file") });
    const pm = new PluginManager("example");
    const direct = { direct: true };
    pm.register(direct, "direct");
    await pm.importPlugin("./file.mjs", "file", { cwd: root });

    expect(pm.listPluginDistinfo().map(([plugin, info]) => [plugin === direct, info.pluginName, info.source, info.name])).toEqual(
      [
        [true, "direct", "register", "direct"],
        [false, "file", "import", "file"],
      ],
    );
    expect(getPluginRecord(pm, direct)).toBeUndefined();
    expect(getPluginRecord(pm, pm.getPlugin("file") as object)?.source).toBe("import");
  });

  it("forgets unregistered plugins and treats a plugin registered again by hand as registered directly", async () => {
    const root = await makeTree({ "again.mjs": esmPlugin("again") });
    const pm = new PluginManager("example");
    await pm.importPlugin("./again.mjs", "imported", { cwd: root });
    const plugin = pm.getPlugin("imported") as object;

    pm.unregister(plugin);
    expect(pm.listPluginDistinfo()).toEqual([]);
    expect(getPluginRecord(pm, plugin)).toBeUndefined();

    pm.register(plugin, "by-hand");
    expect(pm.listPluginDistinfo().map(([, info]) => [info.pluginName, info.source, info.path])).toEqual([
      ["by-hand", "register", undefined],
    ]);
  });

  it("works with a manager typed by its hook specs", async () => {
    interface Specs {
      greet(args: { name: string }): string;
    }
    const root = await makeTree({ "typed.mjs": esmPlugin("typed") });
    const pm = new PluginManager<Specs>("example");
    await pm.importPlugin("./typed.mjs", "typed", { cwd: root });

    expect(getPluginRecord(pm, pm.getPlugin("typed")!)).toMatchObject({
      name: "typed",
      source: "import",
      path: join(root, "typed.mjs"),
    });
  });

  it("keeps records per manager", async () => {
    const root = await makeTree({ "shared.mjs": esmPlugin("shared") });
    const first = new PluginManager("example");
    const second = new PluginManager("example");
    await first.importPlugin("./shared.mjs", "shared", { cwd: root });
    second.register(first.getPlugin("shared") as object, "shared");

    expect(first.listPluginDistinfo()[0]![1].source).toBe("import");
    expect(second.listPluginDistinfo()[0]![1].source).toBe("register");
  });
});
