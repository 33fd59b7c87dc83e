// HookimplMarker in all four forms and with every option. This file runs under TC39 standard
// decorators and again under experimentalDecorators (see decorator-mode.test.ts).

import { describe, expect, it } from "vitest";
import {
  HookCallError,
  HookMarkerError,
  PluginValidationError,
  type HookimplOpts,
  type Plugin,
  type Result,
} from "../../../src/index.ts";
import { callHook, callModes, createManager, hookimpl, hookOf, hookspec } from "../../support/harness.ts";

const defaults: HookimplOpts = {
  wrapper: false,
  hookwrapper: false,
  optionalhook: false,
  tryfirst: false,
  trylast: false,
  specname: undefined,
  argnames: undefined,
};

describe.each(callModes)("HookimplMarker forms (%s call)", (mode) => {
  it("hookimpl(fn) marks fn with the default options and returns fn itself", async () => {
    const fn = ({ a }: { a: number }) => a + 1;
    const marked = hookimpl(fn);
    expect(marked).toBe(fn);
    const { pm } = createManager();
    const plugin = { h: marked };
    expect(pm.parseHookimplOpts(plugin, "h")).toEqual(defaults);
    pm.register(plugin, "p");
    await expect(callHook(hookOf(pm, "h"), { a: 1 }, mode)).resolves.toEqual([2]);
  });

  it("hookimpl(options)(fn) marks fn with those options and returns fn itself", async () => {
    const fn = () => "first";
    const marked = hookimpl({ tryfirst: true })(fn);
    expect(marked).toBe(fn);
    const { pm } = createManager();
    pm.register({ h: marked }, "first");
    pm.register({ h: hookimpl(() => "plain") }, "plain");
    expect(pm.parseHookimplOpts({ h: marked }, "h")).toEqual({ ...defaults, tryfirst: true });
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual(["first", "plain"]);
  });

  it("@hookimpl marks a method with the default options, leaves it a normal method, and calls it with the plugin as this", async () => {
    class Greeter {
      readonly greeting = "hello";
      @hookimpl
      greet({ name }: { name: string }) {
        return `${this.greeting} ${name}`;
      }
    }
    const plugin = new Greeter();
    const { pm } = createManager();
    expect(pm.parseHookimplOpts(plugin, "greet")).toEqual(defaults);
    expect(plugin.greet({ name: "direct" })).toBe("hello direct");
    expect(Object.getOwnPropertyDescriptor(Greeter.prototype, "greet")).toMatchObject({ enumerable: false, writable: true });
    pm.register(plugin, "greeter");
    await expect(callHook(hookOf(pm, "greet"), { name: "hook" }, mode)).resolves.toEqual(["hello hook"]);
  });

  it("@hookimpl(options) marks a method with those options", async () => {
    class Late {
      @hookimpl({ trylast: true, specname: "h" })
      lateImplementation() {
        return "late";
      }
    }
    class Plain {
      @hookimpl
      h() {
        return "plain";
      }
    }
    const { pm } = createManager();
    expect(pm.parseHookimplOpts(new Late(), "lateImplementation")).toEqual({ ...defaults, trylast: true, specname: "h" });
    pm.register(new Late(), "late");
    pm.register(new Plain(), "plain");
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual(["plain", "late"]);
  });

  it("marks static methods, found when the class itself is registered, with the class as this", async () => {
    class Static {
      static readonly label = "static";
      @hookimpl
      static h() {
        return this.label;
      }
      @hookimpl({ tryfirst: true, specname: "h" })
      static early() {
        return `${this.label} early`;
      }
      @hookimpl
      instanceOnly() {
        return "instance";
      }
    }
    const { pm } = createManager();
    pm.register(Static, "static-plugin");
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual(["static early", "static"]);
    expect(pm.hook["instanceOnly"]).toBeUndefined();
    pm.register(new Static(), "instance-plugin");
    await expect(callHook(hookOf(pm, "instanceOnly"), {}, mode)).resolves.toEqual(["instance"]);
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual(["static early", "static"]);
  });

  it("finds decorated methods along the prototype chain; an undecorated override is not an implementation", async () => {
    class Base {
      @hookimpl
      h() {
        return "base h";
      }
      @hookimpl
      g() {
        return "base g";
      }
    }
    class Derived extends Base {
      override h() {
        return "derived h, unmarked";
      }
      @hookimpl
      override g() {
        return `derived ${super.g()}`;
      }
    }
    const { pm } = createManager();
    pm.register(new Derived(), "derived");
    await expect(callHook(hookOf(pm, "g"), {}, mode)).resolves.toEqual(["derived base g"]);
    expect(pm.hook["h"]).toBeUndefined();
  });

  it("reads argument names from a decorated method's destructuring pattern", async () => {
    class Plugin1 {
      @hookimpl
      h({ a, b = 10 }: { a: number; b?: number }) {
        return a + b;
      }
    }
    const { pm } = createManager();
    pm.register(new Plugin1(), "p");
    const [impl] = hookOf(pm, "h").getHookimpls();
    expect(impl?.argnames).toEqual(["a"]);
    expect(impl?.kwargnames).toEqual(["b"]);
    await expect(callHook(hookOf(pm, "h"), { a: 1 }, mode)).resolves.toEqual([11]);
    await expect(callHook(hookOf(pm, "h"), { b: 1 }, mode)).rejects.toThrow(HookCallError);
  });

  it("marks generator and async methods: decorated wrappers and async implementations work", async () => {
    class Wrapping {
      readonly suffix = "!";
      @hookimpl({ wrapper: true })
      *h(): Generator<unknown, string[], string[]> {
        const results = yield;
        return results.map((result) => result + this.suffix);
      }
    }
    class Async {
      @hookimpl
      async h() {
        return "async";
      }
    }
    const { pm } = createManager();
    pm.register(new Wrapping(), "wrapping");
    pm.register({ h: hookimpl(() => "sync") }, "sync");
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual(["sync!"]);
    pm.register(new Async(), "async");
    if (mode === "async") await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual(["async!", "sync!"]);
  });
});

describe("HookimplMarker: an async generator method as a wrapper", () => {
  it("wraps a callAsync call", async () => {
    class AsyncWrapping {
      @hookimpl({ wrapper: true })
      async *h(): AsyncGenerator<unknown, string[], string[]> {
        const results = yield;
        await Promise.resolve();
        return [...results, "wrapped"];
      }
    }
    const { pm } = createManager();
    pm.register(new AsyncWrapping(), "wrapping");
    pm.register({ h: hookimpl(async () => "inner") }, "inner");
    await expect(hookOf(pm, "h").callAsync({})).resolves.toEqual(["inner", "wrapped"]);
  });
});

describe.each(callModes)("every hookimpl option through a decorator (%s call)", (mode) => {
  it("wrapper: a new-style wrapper method whose return value becomes the result", async () => {
    class Doubler {
      @hookimpl({ wrapper: true })
      *h(): Generator<unknown, number[], number[]> {
        return (yield).map((value) => value * 2);
      }
    }
    const { pm } = createManager();
    pm.register({ h: hookimpl(() => 21) }, "impl");
    pm.register(new Doubler(), "doubler");
    expect(hookOf(pm, "h").getHookimpls()[1]?.wrapper).toBe(true);
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual([42]);
  });

  it("hookwrapper: an old-style wrapper method that receives a Result", async () => {
    class Forcing {
      @hookimpl({ hookwrapper: true })
      *h(): Generator<unknown, void, Result<unknown>> {
        const outcome = yield;
        outcome.forceResult([...(outcome.getResult() as number[]), 2]);
      }
    }
    const { pm } = createManager();
    pm.register({ h: hookimpl(() => 1) }, "impl");
    pm.register(new Forcing(), "forcing");
    expect(hookOf(pm, "h").getHookimpls()[1]?.hookwrapper).toBe(true);
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual([1, 2]);
  });

  it("wrapper and hookwrapper: a decorated method that is not a generator is rejected at registration", () => {
    class NotAGenerator {
      @hookimpl({ wrapper: true })
      h() {
        return [];
      }
    }
    const { pm } = createManager();
    expect(() => pm.register(new NotAGenerator(), "p")).toThrow(PluginValidationError);
  });

  it("optionalhook: checkPending accepts an optional implementation without a spec, not a plain one", () => {
    class Optional {
      @hookimpl({ optionalhook: true })
      maybeHook() {}
    }
    class Required {
      @hookimpl
      unknownHook() {}
    }
    const { pm } = createManager();
    pm.register(new Optional(), "optional");
    expect(() => pm.checkPending()).not.toThrow();
    pm.register(new Required(), "required");
    expect(() => pm.checkPending()).toThrow(PluginValidationError);
    expect(() => pm.checkPending()).toThrow(/unknown hook 'unknownHook'/);
  });

  it("tryfirst and trylast: decorated implementations are called first and last", async () => {
    class First {
      @hookimpl({ tryfirst: true })
      h() {
        return "first";
      }
    }
    class Last {
      @hookimpl({ trylast: true })
      h() {
        return "last";
      }
    }
    class Plain {
      @hookimpl
      h() {
        return "plain";
      }
    }
    const { pm } = createManager();
    pm.register(new First(), "first");
    pm.register(new Last(), "last");
    pm.register(new Plain(), "plain");
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual(["first", "plain", "last"]);
  });

  it("specname: several methods of one plugin implement one hook, in sorted member order", async () => {
    class Multi {
      @hookimpl({ specname: "h" })
      alpha() {
        return "alpha";
      }
      @hookimpl({ specname: "h" })
      beta() {
        return "beta";
      }
    }
    const { pm } = createManager();
    pm.addHookspecs({ h: hookspec(() => "") });
    pm.register(new Multi(), "multi");
    expect(pm.hook["alpha"]).toBeUndefined();
    await expect(callHook(hookOf(pm, "h"), {}, mode)).resolves.toEqual(["beta", "alpha"]);
  });

  it("argnames: names the arguments of a method that does not destructure them", async () => {
    class Named {
      @hookimpl({ argnames: ["x"] })
      h(args: { x: number }) {
        return args.x * 2;
      }
    }
    const { pm } = createManager();
    pm.register(new Named(), "named");
    expect(hookOf(pm, "h").getHookimpls()[0]?.argnames).toEqual(["x"]);
    await expect(callHook(hookOf(pm, "h"), { x: 2 }, mode)).resolves.toEqual([4]);
    await expect(callHook(hookOf(pm, "h"), {}, mode)).rejects.toThrow(HookCallError);
    const other = createManager().pm;
    other.addHookspecs({ h: hookspec(({ y }: { y: number }) => y) });
    expect(() => other.register(new Named(), "named")).toThrow(PluginValidationError);
  });
});

describe("HookimplMarker option checks", () => {
  it("throws HookMarkerError when tryfirst and trylast are combined, as a decorator too", () => {
    expect(() => hookimpl({ tryfirst: true, trylast: true })).toThrow(HookMarkerError);
    expect(() => {
      class Conflicting {
        @hookimpl({ tryfirst: true, trylast: true })
        h() {}
      }
      return Conflicting;
    }).toThrow(/'tryfirst' and 'trylast' cannot both be true/);
  });

  it("throws HookMarkerError for an unknown option, suggesting the known spelling", () => {
    expect(() => hookimpl({ try_first: true } as never)).toThrow(HookMarkerError);
    expect(() => hookimpl({ try_first: true } as never)).toThrow(/did you mean 'tryfirst'\?/);
  });

  it("throws HookMarkerError when marking something that is not a function", () => {
    expect(() => hookimpl(42 as never)).toThrow(HookMarkerError);
  });
});

describe("decorated classes and Plugin<Specs>", () => {
  interface Specs {
    greet(args: { name: string }): string;
    count(args: { items: string[] }): number;
  }

  it("type-check a decorated class that implements Plugin<Specs> and run it", () => {
    class Greeter implements Plugin<Specs> {
      @hookimpl
      greet({ name }: { name: string }) {
        return `hi ${name}`;
      }
      @hookimpl({ tryfirst: true })
      count({ items }: { items: string[] }) {
        return items.length;
      }
    }
    const { pm } = createManager<Specs>();
    pm.register(new Greeter(), "greeter");
    const greetings: string[] = pm.hook.greet({ name: "ts" });
    expect(greetings).toEqual(["hi ts"]);
    expect(pm.hook.count({ items: ["a", "b"] })).toEqual([2]);
  });
});
