// How a view maps tapable's `stage` and `before` onto hooksmith's call order, and refuses a tap
// whose order hooksmith would not honour.

import { describe, expect, it } from "vitest";
import type { PluginManager } from "../../src/index.ts";
import { TapableTapError, toTapableHook } from "../../src/tapable/index.ts";
import { createManager, hookimpl, hookOf } from "../support/harness.ts";

function setup(): { pm: PluginManager; callOrder: (hookName?: string) => string[] } {
  const { pm } = createManager();
  const callOrder = (hookName = "build") =>
    hookOf(pm, hookName)
      .getHookimpls()
      .map((impl) => impl.pluginName)
      .reverse();
  return { pm, callOrder };
}

const noop = (): void => {};

describe("stage", () => {
  it("maps a negative stage to tryfirst, 0 to a plain implementation, a positive one to trylast", () => {
    const { pm, callOrder } = setup();
    const build = toTapableHook(pm, "build", { args: [] });
    build.tap({ name: "Late", stage: 100 }, noop);
    build.tap({ name: "Early", stage: -100 }, noop);
    build.tap({ name: "Plain", stage: 0 }, noop);
    build.tap("Default", noop);
    expect(callOrder()).toEqual(["Early", "Default", "Plain", "Late"]);
    const flags = Object.fromEntries(
      hookOf(pm, "build")
        .getHookimpls()
        .map((impl) => [impl.pluginName, [impl.tryfirst, impl.trylast]]),
    );
    expect(flags).toEqual({ Early: [true, false], Default: [false, false], Plain: [false, false], Late: [false, true] });
  });

  it("orders taps of equal stage as hooksmith does: the most recent first, trylast the earliest first", () => {
    const { pm, callOrder } = setup();
    const build = toTapableHook(pm, "build", { args: [] });
    for (const name of ["F1", "F2"]) build.tap({ name, stage: -1 }, noop);
    for (const name of ["P1", "P2"]) build.tap(name, noop);
    for (const name of ["L1", "L2"]) build.tap({ name, stage: 1 }, noop);
    expect(callOrder()).toEqual(["F2", "F1", "P2", "P1", "L1", "L2"]);
  });

  it("honours different stages of one group when the taps come in an order hooksmith can keep", () => {
    const { pm, callOrder } = setup();
    const build = toTapableHook(pm, "build", { args: [] });
    build.tap({ name: "Minus5", stage: -5 }, noop);
    build.tap({ name: "Minus10", stage: -10 }, noop);
    build.tap({ name: "Plus5", stage: 5 }, noop);
    build.tap({ name: "Plus10", stage: 10 }, noop);
    expect(callOrder()).toEqual(["Minus10", "Minus5", "Plus5", "Plus10"]);
  });

  it("refuses a tryfirst tap that hooksmith would call before a tap of lower stage", () => {
    const { pm, callOrder } = setup();
    const build = toTapableHook(pm, "build", { args: [] });
    build.tap({ name: "Minus10", stage: -10 }, noop);
    expect(() => build.tap({ name: "Minus5", stage: -5 }, noop)).toThrowErrorMatchingInlineSnapshot(
      `[TapableTapError: Cannot honour the order of tap 'Minus5' on hook 'build': hooksmith would call it before 'Minus10', but its stage -5 is higher than the stage -10 of 'Minus10'. A negative stage maps to tryfirst, and hooksmith calls the most recently registered tryfirst implementation first]`,
    );
    expect(pm.hasPlugin("Minus5")).toBe(false);
    expect(callOrder()).toEqual(["Minus10"]);
  });

  it("refuses a trylast tap that hooksmith would call after a tap of higher stage", () => {
    const { pm } = setup();
    const build = toTapableHook(pm, "build", { args: [] });
    build.tap({ name: "Plus10", stage: 10 }, noop);
    let error: unknown;
    try {
      build.tap({ name: "Plus5", stage: 5 }, noop);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TapableTapError);
    expect(error).toMatchObject({
      code: "HOOKSMITH_TAPABLE_ORDER_CONFLICT",
      hookName: "build",
      tapName: "Plus5",
      otherTapName: "Plus10",
    });
    expect((error as Error).message).toMatch(
      /its stage 5 is lower than the stage 10 of 'Plus10'\. A positive stage maps to trylast/,
    );
  });

  it("accepts Infinity and -Infinity, and refuses a stage that is not a number", () => {
    const { pm, callOrder } = setup();
    const build = toTapableHook(pm, "build", { args: [] });
    build.tap({ name: "Last", stage: Infinity }, noop);
    build.tap({ name: "First", stage: -Infinity }, noop);
    expect(callOrder()).toEqual(["First", "Last"]);
    expect(() => build.tap({ name: "Odd", stage: "1" as never }, noop)).toThrowErrorMatchingInlineSnapshot(
      `[TapableTapError: Tap 'Odd' on hook 'build': stage must be a number, got the string "1"]`,
    );
    expect(() => build.tap({ name: "Odd", stage: Number.NaN }, noop)).toThrow(/stage must be a number, got the number NaN/);
  });
});

describe("before", () => {
  it("is kept when hooksmith already calls the new tap first", () => {
    const { pm, callOrder } = setup();
    const build = toTapableHook(pm, "build", { args: [] });
    build.tap("A", noop);
    build.tap({ name: "B", before: "A" }, noop);
    build.tap({ name: "C", before: ["A", "B"] } as never, noop);
    expect(callOrder()).toEqual(["C", "B", "A"]);
  });

  it("refuses a tap that would run after a tap it must precede", () => {
    const { pm } = setup();
    const build = toTapableHook(pm, "build", { args: [] });
    build.tap({ name: "Early", stage: -1 }, noop);
    expect(() => build.tap({ name: "Plain", before: "Early" }, noop)).toThrowErrorMatchingInlineSnapshot(
      `[TapableTapError: Cannot honour the order of tap 'Plain' on hook 'build': hooksmith would call it after 'Early', but it asks to run before 'Early'. Stage 0 maps to a plain implementation: such taps run after the tryfirst ones, the most recently registered first]`,
    );
    pm.register({ build: hookimpl(noop) }, "native");
    expect(() => build.tap({ name: "Late", stage: 1, before: "native" }, noop)).toThrow(
      /hooksmith would call it after 'native', but it asks to run before 'native'/,
    );
  });

  it("is checked again when the tap it names arrives later", () => {
    const { pm, callOrder } = setup();
    const build = toTapableHook(pm, "build", { args: [] });
    build.tap({ name: "Eager", before: "Target" }, noop);
    expect(() => build.tap("Target", noop)).toThrowErrorMatchingInlineSnapshot(
      `[TapableTapError: Cannot honour the order of tap 'Target' on hook 'build': hooksmith would call it before 'Eager', but 'Eager' asks to run before it. Stage 0 maps to a plain implementation: such taps run after the tryfirst ones, the most recently registered first]`,
    );
    build.tap({ name: "Target", stage: 1 }, noop);
    expect(callOrder()).toEqual(["Eager", "Target"]);
  });

  it("is refused when malformed", () => {
    const { pm } = setup();
    const build = toTapableHook(pm, "build", { args: [] });
    expect(() => build.tap({ name: "Odd", before: 3 as never }, noop)).toThrow(
      "Tap 'Odd' on hook 'build': before must be a tap name or an array of tap names, got the number 3",
    );
  });
});

describe("re-registering a tap name", () => {
  it("makes the plugin the most recently registered one on each of its hooks", () => {
    const { pm, callOrder } = setup();
    const build = toTapableHook(pm, "build", { args: [] });
    const done = toTapableHook(pm, "done", { args: [] });
    build.tap("A", noop);
    build.tap("B", noop);
    expect(callOrder()).toEqual(["B", "A"]);
    done.tap("A", noop);
    expect(callOrder()).toEqual(["A", "B"]);
  });

  it("is refused, leaving every tap in place, when it would break the order on another hook", () => {
    const { pm, callOrder } = setup();
    const build = toTapableHook(pm, "build", { args: [] });
    const done = toTapableHook(pm, "done", { args: [] });
    build.tap({ name: "P", stage: -5 }, noop);
    build.tap({ name: "Q", stage: -10 }, noop);
    expect(() => done.tap("P", noop)).toThrowErrorMatchingInlineSnapshot(
      `[TapableTapError: Cannot honour the order of tap 'P' on hook 'build': hooksmith would call it before 'Q', but its stage -5 is higher than the stage -10 of 'Q'. A negative stage maps to tryfirst, and hooksmith calls the most recently registered tryfirst implementation first (tapping hook 'done' re-registers plugin 'P', which makes it the most recently registered plugin on hook 'build' too)]`,
    );
    expect(callOrder()).toEqual(["Q", "P"]);
    expect(pm.getHookcallers(pm.getPlugin("P")!)?.map((caller) => caller.name)).toEqual(["build"]);
  });

  it("keeps the tap order of one name tapping one hook twice", () => {
    const { pm } = setup();
    const build = toTapableHook(pm, "build", { args: ["log"] });
    build.tap("Twice", (log) => (log as string[]).push("first tap"));
    build.tap("Twice", (log) => (log as string[]).push("second tap"));
    const log: string[] = [];
    hookOf(pm, "build")({ log });
    expect(log).toEqual(["second tap", "first tap"]);
  });
});
