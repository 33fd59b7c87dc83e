// @hookimpl / @hookspec on class fields holding arrow functions. TC39 standard decorators only:
// experimentalDecorators gives a field decorator no value to mark, and such a field decorator does
// not type-check there, so this file lives outside test/core/decorators (which both modes compile).

import { describe, expect, it } from "vitest";
import { HookMarkerError } from "../../src/index.ts";
import { callHook, callModes, createManager, hookimpl, hookOf, hookspec } from "../support/harness.ts";

describe.each(callModes)("@hookimpl on a field holding an arrow function (%s call)", (mode) => {
  it("marks each instance's function with the default options; the arrow's this is the instance", async () => {
    class Counter {
      readonly step = 2;
      @hookimpl
      count = ({ n }: { n: number }) => n + this.step;
    }
    const first = new Counter();
    const second = new Counter();
    expect(first.count).not.toBe(second.count);
    const { pm } = createManager();
    expect(pm.parseHookimplOpts(first, "count")).toMatchObject({ tryfirst: false, wrapper: false });
    pm.register(first, "first");
    pm.register(second, "second");
    expect(hookOf(pm, "count").getHookimpls()[0]?.argnames).toEqual(["n"]);
    await expect(callHook(hookOf(pm, "count"), { n: 1 }, mode)).resolves.toEqual([3, 3]);
  });

  it("applies @hookimpl(options) to the field's function", async () => {
    class Early {
      @hookimpl({ tryfirst: true, specname: "h" })
      early = () => "early";
    }
    const { pm } = createManager();
    pm.register({ h: hookimpl(() => "plain") }, "plain");
    pm.register(new Early(), "early");
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual(["early", "plain"]);
  });

  it("marks a static field's function, found when the class is registered", async () => {
    class Static {
      @hookimpl
      static h = () => "static field";
    }
    const { pm } = createManager();
    pm.register(Static, "static");
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual(["static field"]);
  });

  it("marks a spec field, used through an instance namespace", async () => {
    class Specs {
      @hookspec({ firstresult: true })
      pick = ({ id }: { id: number }): number => id;
    }
    const { pm } = createManager();
    pm.addHookspecs(new Specs());
    expect(hookOf(pm, "pick").spec).toMatchObject({ argnames: ["id"], opts: { firstresult: true } });
    pm.register({ pick: hookimpl(({ id }: { id: number }) => id * 2) }, "p");
    await expect(callHook(hookOf(pm, "pick"), { id: 4 }, mode)).resolves.toBe(8);
  });
});

describe("@hookimpl on a field that does not hold a function", () => {
  it("throws HookMarkerError when the instance is created", () => {
    class Broken {
      @hookimpl
      h: unknown = 42;
    }
    expect(() => new Broken()).toThrow(HookMarkerError);
    expect(() => new Broken()).toThrow(/field 'h' needs a function value, got number/);
  });
});
