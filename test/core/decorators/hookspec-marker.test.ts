// HookspecMarker in all four forms and with every option. This file runs under TC39 standard
// decorators and again under experimentalDecorators (see decorator-mode.test.ts).

import { describe, expect, it } from "vitest";
import {
  HookArgumentsWarning,
  HookCallError,
  HookMarkerError,
  HookspecError,
  PluginValidationError,
  type HookspecOpts,
} from "../../../src/index.ts";
import { callHook, callModes, createManager, hookimpl, hookOf, hookspec } from "../../support/harness.ts";

const defaults: HookspecOpts = {
  firstresult: false,
  historic: false,
  warnOnImpl: undefined,
  warnOnImplArgs: undefined,
  argnames: undefined,
};

describe.each(callModes)("HookspecMarker forms (%s call)", (mode) => {
  it("hookspec(fn) marks fn with the default options and returns fn itself", async () => {
    const fn = ({ a }: { a: number }): number => a;
    const marked = hookspec(fn);
    expect(marked).toBe(fn);
    const { pm } = createManager();
    const namespace = { h: marked };
    expect(pm.parseHookspecOpts(namespace, "h")).toEqual(defaults);
    pm.addHookspecs(namespace);
    expect(hookOf(pm, "h").spec).toMatchObject({ name: "h", namespace, function: fn, argnames: ["a"] });
    pm.register({ h: hookimpl(({ a }: { a: number }) => a * 2) }, "p");
    await expect(callHook(hookOf(pm, "h"), { a: 2 }, mode)).resolves.toEqual([4]);
  });

  it("hookspec(options)(fn) marks fn with those options and returns fn itself", async () => {
    const fn = (): unknown => undefined;
    const marked = hookspec({ firstresult: true })(fn);
    expect(marked).toBe(fn);
    const { pm } = createManager();
    pm.addHookspecs({ pick: marked });
    expect(hookOf(pm, "pick").spec?.opts).toEqual({ ...defaults, firstresult: true });
    pm.register({ pick: hookimpl(() => "second") }, "second");
    pm.register({ pick: hookimpl(() => "first") }, "first");
    await expect(callHook(hookOf(pm, "pick"), {}, mode)).resolves.toBe("first");
  });

  it("@hookspec marks a prototype method: the class is the namespace and the pattern gives the argnames", async () => {
    class Specs {
      @hookspec
      greet({ name }: { name: string }): string {
        return name;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(Specs);
    expect(hookOf(pm, "greet").spec).toMatchObject({ namespace: Specs, argnames: ["name"], opts: defaults });
    expect(() => pm.register({ greet: hookimpl(({ nom }: { nom: string }) => nom) }, "typo")).toThrow(PluginValidationError);
    pm.register({ greet: hookimpl(({ name }: { name: string }) => `hi ${name}`) }, "p");
    await expect(callHook(hookOf(pm, "greet"), { name: "x" }, mode)).resolves.toEqual(["hi x"]);
  });

  it("@hookspec(options) marks a prototype method with those options", async () => {
    class Specs {
      @hookspec({ firstresult: true })
      pick({ id }: { id: number }): number {
        return id;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(Specs);
    expect(hookOf(pm, "pick").spec?.opts.firstresult).toBe(true);
    pm.register({ pick: hookimpl(({ id }: { id: number }) => id + 1) }, "p");
    await expect(callHook(hookOf(pm, "pick"), { id: 1 }, mode)).resolves.toBe(2);
  });

  it("marks static methods of a spec class too: addHookspecs takes the prototype and the static specs", async () => {
    class Specs {
      @hookspec
      instanceHook({ a }: { a: number }): number {
        return a;
      }
      @hookspec({ firstresult: true })
      static staticHook({ b }: { b: number }): number {
        return b;
      }
      undecorated(): void {}
    }
    const { pm } = createManager();
    pm.addHookspecs(Specs);
    expect(hookOf(pm, "instanceHook").hasSpec()).toBe(true);
    expect(hookOf(pm, "staticHook").spec).toMatchObject({ argnames: ["b"], opts: { ...defaults, firstresult: true } });
    expect(pm.hook["undecorated"]).toBeUndefined();
    pm.register({ staticHook: hookimpl(({ b }: { b: number }) => b * 3) }, "p");
    await expect(callHook(hookOf(pm, "staticHook"), { b: 2 }, mode)).resolves.toBe(6);
  });

  it("accepts an instance of a decorated spec class", () => {
    class Specs {
      @hookspec
      h({ a }: { a: number }): number {
        return a;
      }
    }
    const { pm } = createManager();
    const namespace = new Specs();
    pm.addHookspecs(namespace);
    expect(hookOf(pm, "h").spec).toMatchObject({ namespace, argnames: ["a"] });
  });
});

describe.each(callModes)("every hookspec option through a decorator (%s call)", (mode) => {
  it("historic: the hook is called with callHistoric and replayed to later registrations", async () => {
    class Specs {
      @hookspec({ historic: true })
      configure({ value }: { value: number }): number {
        return value;
      }
    }
    const { pm } = createManager();
    pm.addHookspecs(Specs);
    expect(hookOf(pm, "configure").isHistoric()).toBe(true);
    const results: unknown[] = [];
    hookOf(pm, "configure").callHistoric({ kwargs: { value: 2 }, resultCallback: (result) => results.push(result) });
    pm.register({ configure: hookimpl(({ value }: { value: number }) => value * 10) }, "late");
    expect(results).toEqual([20]);
    await expect(callHook(hookOf(pm, "configure"), { value: 1 }, mode)).rejects.toMatchObject({
      code: "HOOKSMITH_HISTORIC_DIRECT_CALL",
    });
  });

  it("warnOnImpl: every implementation registered emits that warning object", () => {
    const deprecation = new Error("oldHook is deprecated");
    class Specs {
      @hookspec({ warnOnImpl: deprecation })
      oldHook(): void {}
    }
    const { pm, warnings } = createManager();
    pm.addHookspecs(Specs);
    pm.register({ oldHook: hookimpl(() => undefined) }, "p1");
    pm.register({ oldHook: hookimpl(() => undefined) }, "p2");
    expect(warnings).toEqual([deprecation, deprecation]);
    expect(warnings[0]).toBe(deprecation);
  });

  it("warnOnImplArgs: an implementation using a listed argument emits its warning", () => {
    const oldArg = new Error("'legacy' is deprecated");
    class Specs {
      @hookspec({ warnOnImplArgs: { legacy: oldArg } })
      h({ legacy, current }: { legacy: number; current: number }): number {
        return legacy + current;
      }
    }
    const { pm, warnings } = createManager();
    pm.addHookspecs(Specs);
    pm.register({ h: hookimpl(({ current }: { current: number }) => current) }, "modern");
    expect(warnings).toEqual([]);
    pm.register({ h: hookimpl(({ legacy }: { legacy: number }) => legacy) }, "old");
    expect(warnings).toEqual([oldArg]);
    expect(warnings[0]).toBe(oldArg);
  });

  it("argnames: names the arguments of a spec method that does not destructure them", async () => {
    class Specs {
      @hookspec({ argnames: ["x", "y"] })
      h(args: { x: number; y: number }): number {
        return args.x + args.y;
      }
    }
    const { pm, warnings } = createManager();
    pm.addHookspecs(Specs);
    expect(hookOf(pm, "h").spec?.argnames).toEqual(["x", "y"]);
    expect(() => pm.register({ h: hookimpl(({ z }: { z: number }) => z) }, "wrong")).toThrow(PluginValidationError);
    pm.register({ h: hookimpl(({ x }: { x: number }) => x) }, "p");
    await expect(callHook(hookOf(pm, "h"), { x: 1 }, mode)).resolves.toEqual([1]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBeInstanceOf(HookArgumentsWarning);
    expect(warnings[0]?.message).toBe("Hook 'h' was called without argument(s) [\"y\"], which its hookspec declares");
    await expect(callHook(hookOf(pm, "h"), { y: 1 }, mode)).rejects.toThrow(HookCallError);
  });
});

describe("HookspecMarker option checks", () => {
  it("throws HookspecError when historic and firstresult are applied together, when marking and not before", () => {
    const decorator = hookspec({ historic: true, firstresult: true });
    expect(() => decorator(() => undefined)).toThrow(HookspecError);
    expect(() => decorator(() => undefined)).toThrow("cannot have a historic firstresult hook");
    expect(() => {
      class Specs {
        @hookspec({ historic: true, firstresult: true })
        h(): void {}
      }
      return Specs;
    }).toThrow("cannot have a historic firstresult hook");
  });

  it("throws HookMarkerError for an unknown or mistyped option", () => {
    expect(() => hookspec({ first_result: true } as never)).toThrow(/did you mean 'firstresult'\?/);
    expect(() => hookspec({ historic: "yes" } as never)).toThrow(HookMarkerError);
    expect(() => hookspec({ warnOnImpl: "deprecated" } as never)).toThrow(HookMarkerError);
  });

  it("throws HookspecError when a namespace has no spec of the manager's project", () => {
    class Undecorated {
      h(): void {}
    }
    const { pm } = createManager();
    expect(() => pm.addHookspecs(Undecorated)).toThrow(HookspecError);
    expect(() => pm.addHookspecs(Undecorated)).toThrow(/did not find any 'example' hooks/);
  });
});
