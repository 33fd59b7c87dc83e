// Where a mark lives: on the function itself, keyed by project, so that projects do not see each
// other's marks and neither Symbol.metadata nor reflect-metadata is needed. Runs under both
// decorator modes (see decorator-mode.test.ts).

import { describe, expect, it } from "vitest";
import { HookimplMarker, HookspecError, HookspecMarker, PluginManager } from "../../../src/index.ts";
import { callHook, callModes, createManager, hookimpl, hookOf, hookspec } from "../../support/harness.ts";

const otherImpl = HookimplMarker("other");
const otherSpec = HookspecMarker("other");

describe.each(callModes)("marks of different projects (%s call)", (mode) => {
  it("a manager of another project does not see the example project's implementations", async () => {
    class Both {
      @hookimpl
      exampleOnly() {
        return "example";
      }
      @otherImpl
      otherOnly() {
        return "other";
      }
    }
    const { pm } = createManager();
    const other = new PluginManager("other");
    pm.register(new Both(), "both");
    other.register(new Both(), "both");
    expect(pm.hook["otherOnly"]).toBeUndefined();
    expect(other.hook["exampleOnly"]).toBeUndefined();
    await expect(callHook(hookOf(pm, "exampleOnly"), {}, mode)).resolves.toEqual(["example"]);
    await expect(callHook(other.hook["otherOnly"]!, {}, mode)).resolves.toEqual(["other"]);
  });

  it("one method marked by two projects carries each project's options separately", async () => {
    class Shared {
      @hookimpl({ tryfirst: true })
      @otherImpl({ trylast: true })
      h() {
        return "shared";
      }
    }
    class Plain {
      @hookimpl
      @otherImpl
      h() {
        return "plain";
      }
    }
    const { pm } = createManager();
    const other = new PluginManager("other");
    for (const manager of [pm, other] as const) {
      manager.register(new Shared(), "shared");
      manager.register(new Plain(), "plain");
    }
    expect(pm.parseHookimplOpts(new Shared(), "h")).toMatchObject({ tryfirst: true, trylast: false });
    expect(other.parseHookimplOpts(new Shared(), "h")).toMatchObject({ tryfirst: false, trylast: true });
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual(["shared", "plain"]);
    await expect(callHook(other.hook["h"]!, {}, mode)).resolves.toEqual(["plain", "shared"]);
  });

  it("a manager ignores spec classes decorated for another project", () => {
    class OtherSpecs {
      @otherSpec
      h(): void {}
    }
    const { pm } = createManager();
    expect(() => pm.addHookspecs(OtherSpecs)).toThrow(HookspecError);
    const other = new PluginManager("other");
    other.addHookspecs(OtherSpecs);
    expect(other.hook["h"]?.hasSpec()).toBe(true);
  });
});

describe.each(callModes)("marks live on the function (%s call)", (mode) => {
  it("keeps a decorated method an implementation when it is copied into a plain object", async () => {
    class Source {
      @hookimpl({ specname: "h" })
      whatever() {
        return "copied";
      }
    }
    const { pm } = createManager();
    pm.register({ anyName: Source.prototype.whatever }, "copy");
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual(["copied"]);
  });

  it("stores the mark under Symbol.for('<project>.hookimpl') / '.hookspec' on the function", () => {
    class Marked {
      @hookimpl({ wrapper: true })
      *impl(): Generator<unknown, unknown, unknown> {
        return yield;
      }
      @hookspec({ firstresult: true })
      spec(): void {}
    }
    const implMark = (Marked.prototype.impl as unknown as Record<symbol, unknown>)[Symbol.for("example.hookimpl")];
    const specMark = (Marked.prototype.spec as unknown as Record<symbol, unknown>)[Symbol.for("example.hookspec")];
    expect(implMark).toMatchObject({ wrapper: true });
    expect(specMark).toMatchObject({ firstresult: true });
    expect((Marked.prototype.impl as unknown as Record<symbol, unknown>)[Symbol.for("other.hookimpl")]).toBeUndefined();
  });

  it("needs neither reflect-metadata nor class metadata: nothing is stored on the class", async () => {
    expect("getMetadata" in Reflect).toBe(false);
    class Plugin1 {
      @hookimpl
      h() {
        return "no metadata";
      }
    }
    // A compiler may attach decorator metadata to the class (esbuild does, under a polyfilled
    // Symbol.metadata); hooksmith must not put anything there, and registering must not need it.
    const metadataKey = (Symbol as { metadata?: symbol }).metadata ?? Symbol.for("Symbol.metadata");
    const metadata = (Plugin1 as unknown as Record<symbol, object | undefined>)[metadataKey];
    if (metadata !== undefined) {
      expect(Object.getOwnPropertyNames(metadata)).toEqual([]);
      expect(Object.getOwnPropertySymbols(metadata)).toEqual([]);
      delete (Plugin1 as unknown as Record<symbol, unknown>)[metadataKey];
    }
    const { pm } = createManager();
    pm.register(new Plugin1(), "p");
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual(["no metadata"]);
  });
});
