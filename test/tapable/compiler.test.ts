// A webpack-style compiler with several hooks (compile, emit async series, shouldEmit bail,
// assetPath waterfall), in both directions: a tapable compiler serving hooksmith plugins, and a
// compiler that moved to hooksmith and keeps its tapable-facing plugin API.

import { AsyncSeriesHook, SyncBailHook, SyncHook, SyncWaterfallHook } from "tapable";
import { describe, expect, it } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager } from "../../src/index.ts";
import { tapHooksmithHooks, toTapableHooks } from "../../src/tapable/index.ts";

interface CompileParams {
  readonly entry: string;
}

interface Compilation {
  readonly assets: Map<string, string>;
  readonly log: string[];
}

const hookspec = HookspecMarker("bundler");
const hookimpl = HookimplMarker("bundler");

// The hooks of both compilers, as hooksmith specs.
const specs = {
  compile: hookspec(({ params }: { params: CompileParams }): void => void params),
  emit: hookspec(({ compilation }: { compilation: Compilation }): void => void compilation),
  shouldEmit: hookspec({ firstresult: true })(
    ({ compilation }: { compilation: Compilation }): boolean => compilation.assets.size > 0,
  ),
  assetPath: hookspec(({ path, data }: { path: string; data: { hash: string } }): string => `${path}${data.hash}`),
};

// A hooksmith plugin: prefixes asset paths, vetoes emitting when asked to, reports emitted assets.
class HooksmithPlugin {
  readonly veto: boolean;
  constructor(veto = false) {
    this.veto = veto;
  }
  @hookimpl
  assetPath({ path }: { path: string }) {
    return `/static${path}`;
  }
  @hookimpl
  shouldEmit() {
    return this.veto ? false : undefined;
  }
  @hookimpl
  async emit({ compilation }: { compilation: Compilation }) {
    await Promise.resolve();
    compilation.log.push(`hooksmith emitted ${[...compilation.assets.keys()].join(",")}`);
  }
}

// The shape every tapable-facing compiler offers its plugins.
interface TapableCompiler {
  readonly hooks: {
    readonly compile: SyncHook<[CompileParams]>;
    readonly emit: AsyncSeriesHook<[Compilation]>;
    readonly shouldEmit: SyncBailHook<[Compilation], boolean | undefined>;
    readonly assetPath: SyncWaterfallHook<[string, { hash: string }]>;
  };
}

// A classic tapable plugin: apply(compiler) taps the hooks it needs.
class HashPlugin {
  apply(compiler: TapableCompiler): void {
    compiler.hooks.compile.tap("HashPlugin", (params) => {
      if (params.entry === "") throw new Error("HashPlugin needs an entry");
    });
    compiler.hooks.assetPath.tap("HashPlugin", (path, data) => `${path}?${data.hash}`);
    compiler.hooks.emit.tapAsync("HashPlugin", (compilation, callback) => {
      compilation.log.push("HashPlugin emitted");
      setTimeout(callback, 1);
    });
  }
}

class EmitGuardPlugin {
  apply(compiler: TapableCompiler): void {
    compiler.hooks.shouldEmit.tap({ name: "EmitGuardPlugin", stage: 10 }, (compilation) =>
      compilation.assets.has("/skip") ? false : undefined,
    );
  }
}

// The common run loop: compile, name the asset, ask whether to emit, emit.
async function run(compiler: TapableCompiler, entry: string): Promise<Compilation> {
  const params = { entry };
  compiler.hooks.compile.call(params);
  const compilation: Compilation = { assets: new Map(), log: [] };
  const path = compiler.hooks.assetPath.call(`/${entry}`, { hash: "abc" });
  compilation.assets.set(path, "content");
  if (compiler.hooks.shouldEmit.call(compilation) !== false) await compiler.hooks.emit.promise(compilation);
  else compilation.log.push("not emitted");
  return compilation;
}

describe("a tapable compiler serving hooksmith plugins (tapHooksmithHooks)", () => {
  class Compiler implements TapableCompiler {
    readonly hooks = {
      compile: new SyncHook<[CompileParams]>(["params"]),
      emit: new AsyncSeriesHook<[Compilation]>(["compilation"]),
      shouldEmit: new SyncBailHook<[Compilation], boolean | undefined>(["compilation"]),
      assetPath: new SyncWaterfallHook<[string, { hash: string }]>(["path", "data"]),
    };
  }

  function setup(veto = false) {
    const compiler = new Compiler();
    const pm = new PluginManager<typeof specs>("bundler");
    pm.addHookspecs(specs);
    new HashPlugin().apply(compiler);
    const untap = tapHooksmithHooks(pm, compiler.hooks, { name: "HooksmithPlugins" });
    new EmitGuardPlugin().apply(compiler);
    pm.register(new HooksmithPlugin(veto), "hooksmith-plugin");
    return { compiler, pm, untap };
  }

  it("runs tapable taps and hooksmith implementations in one flow, each hook answering as its kind expects", async () => {
    const { compiler } = setup();
    const compilation = await run(compiler, "main.js");
    expect([...compilation.assets.keys()]).toEqual(["/static/main.js?abc"]);
    expect(compilation.log).toEqual(["HashPlugin emitted", "hooksmith emitted /static/main.js?abc"]);
    expect(compiler.hooks.emit.taps.map((tap) => tap.name)).toEqual(["HashPlugin", "HooksmithPlugins"]);
  });

  it("lets a hooksmith implementation bail out of a SyncBailHook", async () => {
    const { compiler } = setup(true);
    expect((await run(compiler, "main.js")).log).toEqual(["not emitted"]);
  });

  it("stops serving hooksmith plugins once untapped", async () => {
    const { compiler, untap } = setup();
    untap();
    const compilation = await run(compiler, "main.js");
    expect([...compilation.assets.keys()]).toEqual(["/main.js?abc"]);
    expect(compilation.log).toEqual(["HashPlugin emitted"]);
  });
});

describe("a compiler that moved to hooksmith and keeps its tapable plugin API (toTapableHooks)", () => {
  class Compiler implements TapableCompiler {
    readonly pm: PluginManager<typeof specs>;
    readonly hooks;

    constructor() {
      this.pm = new PluginManager<typeof specs>("bundler");
      this.pm.addHookspecs(specs);
      this.hooks = toTapableHooks(this.pm, {
        compile: {},
        emit: { async: true },
        shouldEmit: {},
        assetPath: { args: ["path", "data"], waterfall: true },
      });
    }
  }

  it("gives every hook the tapable class its plugins expect", () => {
    const compiler = new Compiler();
    expect(compiler.hooks.compile.constructor).toBe(SyncHook);
    expect(compiler.hooks.emit.constructor).toBe(AsyncSeriesHook);
    expect(compiler.hooks.shouldEmit.constructor).toBe(SyncBailHook);
    expect(compiler.hooks.assetPath.constructor).toBe(SyncWaterfallHook);
  });

  it("runs legacy tapable plugins and hooksmith plugins side by side", async () => {
    const compiler = new Compiler();
    new HashPlugin().apply(compiler);
    new EmitGuardPlugin().apply(compiler);
    compiler.pm.register(new HooksmithPlugin(), "hooksmith-plugin");
    const compilation = await run(compiler, "main.js");
    // hooksmith's order: the most recently registered plugin first.
    expect([...compilation.assets.keys()]).toEqual(["/static/main.js?abc"]);
    expect(compilation.log).toEqual(["hooksmith emitted /static/main.js?abc", "HashPlugin emitted"]);
    expect(compiler.pm.listNamePlugin().map(([name]) => name)).toEqual(["HashPlugin", "EmitGuardPlugin", "hooksmith-plugin"]);
  });

  it("serves the same implementations to hooksmith calls", async () => {
    const compiler = new Compiler();
    new EmitGuardPlugin().apply(compiler);
    const compilation: Compilation = { assets: new Map([["/skip", ""]]), log: [] };
    expect(compiler.pm.hook.shouldEmit({ compilation })).toBe(false);
    expect(compiler.hooks.shouldEmit.call(compilation)).toBe(false);
  });

  it("unregisters a legacy plugin with everything it tapped", async () => {
    const compiler = new Compiler();
    new HashPlugin().apply(compiler);
    expect(compiler.pm.getHookcallers(compiler.pm.getPlugin("HashPlugin")!)?.map((caller) => caller.name)).toEqual([
      "assetPath",
      "compile",
      "emit",
    ]);
    compiler.pm.unregister(undefined, "HashPlugin");
    const compilation = await run(compiler, "main.js");
    expect([...compilation.assets.keys()]).toEqual(["/main.js"]);
    expect(compilation.log).toEqual([]);
  });
});
