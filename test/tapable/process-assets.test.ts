// webpack 5's `compilation.hooks.processAssets` served to hooksmith plugins: the hook passes only
// `assets`, its taps run at the `Compilation.PROCESS_ASSETS_STAGE_*` stages, and a register
// interceptor wraps every tap (as webpack's does, to find the assets a tap added). Built from
// webpack's pattern with real tapable: a hooksmith plugin gets the compilation through `mapArgs`
// and its own stage through `tapableStage`, interleaved with classic tapable plugins.

import { AsyncSeriesHook, SyncHook } from "tapable";
import { describe, expect, it } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager } from "hooksmith";
import { tapableStage, tapHooksmith } from "hooksmith/tapable";

type Assets = Record<string, string>;

/** A webpack-style compilation: the processAssets hook, its stage constants, and the assets. */
class Compilation {
  // webpack's values (lib/Compilation.js), so that plugins written against them keep their order.
  static readonly PROCESS_ASSETS_STAGE_ADDITIONAL = -2000;
  static readonly PROCESS_ASSETS_STAGE_PRE_PROCESS = -1000;
  static readonly PROCESS_ASSETS_STAGE_DERIVED = -200;
  static readonly PROCESS_ASSETS_STAGE_ADDITIONS = -100;
  static readonly PROCESS_ASSETS_STAGE_OPTIMIZE = 100;
  static readonly PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE = 400;
  static readonly PROCESS_ASSETS_STAGE_DEV_TOOLING = 500;
  static readonly PROCESS_ASSETS_STAGE_SUMMARIZE = 1000;
  static readonly PROCESS_ASSETS_STAGE_OPTIMIZE_HASH = 2500;
  static readonly PROCESS_ASSETS_STAGE_REPORT = 5000;

  readonly name: string;
  readonly assets: Assets = {};
  readonly log: string[] = [];
  readonly hooks = { processAssets: new AsyncSeriesHook<[Assets]>(["assets"]) };

  constructor(name: string) {
    this.name = name;
    // webpack rewrites every processAssets tap to find the assets it added; so does this one.
    this.hooks.processAssets.intercept({
      name: "Compilation",
      register: (tap) => {
        const { fn } = tap;
        return {
          ...tap,
          fn: async (assets: Assets) => {
            const before = new Set(Object.keys(assets));
            await (tap.type === "promise" ? fn(assets) : Promise.resolve(fn(assets)));
            const added = Object.keys(assets).filter((name) => !before.has(name));
            if (added.length > 0) this.log.push(`${tap.name} added ${added.join(", ")}`);
          },
          type: "promise",
        };
      },
    });
  }
}

/** A webpack-style compiler: `thisCompilation` hands each new compilation to the plugins. */
class Compiler {
  readonly hooks = { thisCompilation: new SyncHook<[Compilation]>(["compilation"]) };

  async build(name: string, sources: Assets): Promise<Compilation> {
    const compilation = new Compilation(name);
    this.hooks.thisCompilation.call(compilation);
    Object.assign(compilation.assets, sources);
    await compilation.hooks.processAssets.promise(compilation.assets);
    return compilation;
  }
}

// Classic tapable plugins, at webpack's stages.
class CopyPlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap("CopyPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "CopyPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        (assets) => {
          assets["robots.txt"] = "User-agent: *";
        },
      );
    });
  }
}

class TerserPlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap("TerserPlugin", (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name: "TerserPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE },
        async (assets) => {
          for (const name of Object.keys(assets)) if (name.endsWith(".js")) assets[name] = assets[name]!.replace(/\s+/g, "");
          compilation.log.push("TerserPlugin minified");
        },
      );
    });
  }
}

class HashPlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap("HashPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "HashPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_HASH }, () => {
        compilation.log.push("HashPlugin hashed");
      });
    });
  }
}

// The hooksmith side: the spec takes the compilation too, which processAssets does not pass.
const hookspec = HookspecMarker("bundler");
const hookimpl = HookimplMarker("bundler");
const specs = {
  processAssets: hookspec((_args: { assets: Assets; compilation: Compilation }): void => undefined),
};

class BannerPlugin {
  @tapableStage(Compilation.PROCESS_ASSETS_STAGE_ADDITIONS)
  @hookimpl
  processAssets({ assets, compilation }: { assets: Assets; compilation: Compilation }) {
    for (const name of Object.keys(assets)) if (name.endsWith(".js")) assets[name] = `/*${compilation.name}*/ ${assets[name]}`;
    compilation.log.push("BannerPlugin (hooksmith) added banners");
  }
}

// No stage of its own: it runs at the bridge's default stage, 0.
class LicensePlugin {
  @hookimpl
  processAssets({ assets, compilation }: { assets: Assets; compilation: Compilation }) {
    assets["LICENSE.txt"] = "MIT";
    compilation.log.push("LicensePlugin (hooksmith) ran");
  }
}

class SizeReportPlugin {
  @hookimpl
  @tapableStage(Compilation.PROCESS_ASSETS_STAGE_REPORT)
  async processAssets({ assets, compilation }: { assets: Assets; compilation: Compilation }) {
    await Promise.resolve();
    const sizes = Object.entries(assets).map(([name, source]) => `${name}=${source.length}`);
    compilation.log.push(`SizeReportPlugin (hooksmith) ${sizes.join(" ")}`);
  }
}

/** A webpack plugin that serves the hooksmith plugins of `pm` in every compilation. */
class HooksmithWebpackPlugin {
  readonly pm: PluginManager<typeof specs>;
  constructor(pm: PluginManager<typeof specs>) {
    this.pm = pm;
  }
  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap("HooksmithWebpackPlugin", (compilation) => {
      tapHooksmith(this.pm, "processAssets", compilation.hooks.processAssets, {
        name: "HooksmithWebpackPlugin",
        context: compilation,
        mapArgs: ([assets], owner) => ({ assets, compilation: owner }),
      });
    });
  }
}

function setup(): { compiler: Compiler; pm: PluginManager<typeof specs> } {
  const pm = new PluginManager<typeof specs>("bundler");
  pm.addHookspecs(specs);
  pm.register(new SizeReportPlugin(), "size-report");
  pm.register(new BannerPlugin(), "banner");
  pm.register(new LicensePlugin(), "license");
  const compiler = new Compiler();
  for (const plugin of [new CopyPlugin(), new HooksmithWebpackPlugin(pm), new TerserPlugin(), new HashPlugin()])
    plugin.apply(compiler);
  return { compiler, pm };
}

describe("webpack's processAssets served to hooksmith plugins (mapArgs, tapableStage)", () => {
  it("gives processAssets(assets) implementations the compilation that owns the hook", async () => {
    const { compiler } = setup();
    const compilation = await compiler.build("web", { "main.js": "let  x = 1;" });
    expect(compilation.log).toContain("BannerPlugin (hooksmith) added banners");
    expect(compilation.assets["main.js"]).toBe("/*web*/letx=1;");
    // Each compilation gets its own taps, with its own context.
    const other = await compiler.build("node", { "server.js": "run()" });
    expect(other.assets["server.js"]).toBe("/*node*/run()");
  });

  it("runs each hooksmith implementation at its own stage, between the tapable plugins' stages", async () => {
    const { compiler } = setup();
    const compilation = await compiler.build("web", { "main.js": "let  x = 1;" });
    expect(compilation.log).toEqual([
      "CopyPlugin added robots.txt",
      "BannerPlugin (hooksmith) added banners",
      "LicensePlugin (hooksmith) ran",
      "HooksmithWebpackPlugin added LICENSE.txt",
      "TerserPlugin minified",
      "HashPlugin hashed",
      // The report sees the minified sizes: it ran at PROCESS_ASSETS_STAGE_REPORT, last.
      "SizeReportPlugin (hooksmith) main.js=14 robots.txt=13 LICENSE.txt=3",
    ]);
    expect(compilation.hooks.processAssets.taps.map((tap) => [tap.name, tap.stage])).toEqual([
      ["CopyPlugin", -2000],
      ["HooksmithWebpackPlugin", -100],
      ["HooksmithWebpackPlugin", undefined],
      ["TerserPlugin", 400],
      ["HashPlugin", 2500],
      ["HooksmithWebpackPlugin", 5000],
    ]);
  });

  it("without stages, puts every hooksmith implementation at the one stage of the bridge, as before", async () => {
    const pm = new PluginManager<typeof specs>("bundler");
    pm.addHookspecs(specs);
    pm.register(new LicensePlugin(), "license");
    const compilation = new Compilation("web");
    tapHooksmith(pm, "processAssets", compilation.hooks.processAssets, {
      stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE,
      context: compilation,
      mapArgs: ([assets], owner) => ({ assets, compilation: owner }),
    });
    expect(compilation.hooks.processAssets.taps.map((tap) => [tap.name, tap.stage])).toEqual([["bundler", 1000]]);
    await compilation.hooks.processAssets.promise(compilation.assets);
    expect(compilation.log).toEqual(["LicensePlugin (hooksmith) ran", "bundler added LICENSE.txt"]);
  });
});
