// The bridge's errors: classes, codes, and messages that name the hook and the tap.

import { describe, expect, it } from "vitest";
import { HooksmithError, isHooksmithError } from "../../src/index.ts";
import { TapableBridgeError, TapableTapError, toTapableHook } from "../../src/tapable/index.ts";
import { createManager, errorOf, hookspec } from "../support/harness.ts";

describe("TapableBridgeError and TapableTapError", () => {
  it("extend HooksmithError and carry a code, the hook and the tap", () => {
    const bridge = new TapableBridgeError("m", { code: "HOOKSMITH_TAPABLE_HISTORIC_HOOK", hookName: "h", tapName: "t" });
    const tap = new TapableTapError("m", {
      code: "HOOKSMITH_TAPABLE_ORDER_CONFLICT",
      hookName: "h",
      tapName: "t",
      otherTapName: "o",
    });
    for (const error of [bridge, tap]) {
      expect(error).toBeInstanceOf(HooksmithError);
      expect(isHooksmithError(error)).toBe(true);
    }
    expect([bridge.name, bridge.code, bridge.hookName, bridge.tapName]).toEqual([
      "TapableBridgeError",
      "HOOKSMITH_TAPABLE_HISTORIC_HOOK",
      "h",
      "t",
    ]);
    expect([tap.name, tap.code, tap.hookName, tap.tapName, tap.otherTapName]).toEqual([
      "TapableTapError",
      "HOOKSMITH_TAPABLE_ORDER_CONFLICT",
      "h",
      "t",
      "o",
    ]);
  });
});

describe("toTapableHook refusals", () => {
  function managerWithSpecs() {
    const { pm } = createManager();
    pm.addHookspecs({
      compile: hookspec(({ params }: { params: object }) => params),
      optional: hookspec(({ a, b = 1 }: { a: number; b?: number }) => a + b),
      pick: hookspec({ firstresult: true })(({ id }: { id: number }) => id),
      configure: hookspec({ historic: true })(({ config }: { config: object }) => config),
      opaque: hookspec((args: object) => args),
    });
    return pm;
  }

  it.each([
    ["a hook without spec and without args", "done", {}],
    ["a spec whose argument names cannot be read", "opaque", {}],
    ["a spec with an argument that has a default", "optional", {}],
    ["args naming an argument the spec lacks", "compile", { args: ["compilation"] }],
    ["args leaving out a required argument", "compile", { args: [] }],
    ["malformed args", "compile", { args: "params" }],
    ["args naming one argument twice", "done", { args: ["a", "a"] }],
    ["a historic hook", "configure", {}],
    ["a waterfall of a firstresult hook", "pick", { waterfall: true }],
    ["a parallel waterfall", "compile", { waterfall: true, async: "parallel" }],
    ["a waterfall without arguments", "done", { args: [], waterfall: true }],
    ["an unknown option", "compile", { asynchronous: true }],
    ["an invalid async", "compile", { async: "sometimes" }],
  ])("refuses %s", (_title, hook, options) => {
    const error = errorOf(() => toTapableHook(managerWithSpecs(), hook, options as never));
    expect(error).toBeInstanceOf(TapableBridgeError);
    expect((error as TapableBridgeError).hookName).toBe(hook);
    expect(`${(error as TapableBridgeError).code}: ${(error as Error).message}`).toMatchSnapshot();
  });

  it("refuses a caller that is not the manager's own", () => {
    const pm = managerWithSpecs();
    const other = managerWithSpecs();
    expect(() => toTapableHook(pm, other.hook["compile"]!)).toThrowErrorMatchingInlineSnapshot(
      `[TapableBridgeError: toTapableHook: the caller of hook 'compile' is not pm.hook.compile of this manager (subset callers and other managers' callers cannot be tapped)]`,
    );
    const plugin = { compile() {} };
    expect(() => toTapableHook(pm, pm.subsetHookCaller("compile", [plugin]))).toThrow(TapableBridgeError);
  });
});

describe("tap refusals", () => {
  function view() {
    const { pm } = createManager();
    return toTapableHook(pm, "compile", { args: ["params"] }) as unknown as { tap: (options: unknown, fn: unknown) => void };
  }

  it.each([
    ["an empty name", "  ", () => {}],
    ["options that are neither a name nor an object", 42, () => {}],
    ["an options object without name", { stage: 1 }, () => {}],
    ["a function that is not a function", "Plugin", "not a function"],
    ["tapable's deprecated context", { name: "Plugin", context: true }, () => {}],
    ["a type option", { name: "Plugin", type: "promise" }, () => {}],
    ["an unknown option", { name: "Plugin", additionalAssets: true }, () => {}],
  ])("refuses %s", (_title, options, fn) => {
    const error = errorOf(() => view().tap(options, fn));
    expect(error).toBeInstanceOf(TapableTapError);
    expect((error as TapableTapError).hookName).toBe("compile");
    expect(`${(error as TapableTapError).code}: ${(error as Error).message}`).toMatchSnapshot();
  });
});
