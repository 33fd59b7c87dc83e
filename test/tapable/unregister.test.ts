// Removing taps: unregistering the hooksmith plugin of a tap name removes everything it tapped, and
// `untap` removes one name's taps from one view.

import { describe, expect, it } from "vitest";
import { TapableBridgeError, TapableTapError, untap, toTapableHook } from "../../src/tapable/index.ts";
import { SyncHook } from "tapable";
import { createManager, hookimpl, hookOf } from "../support/harness.ts";

function setup() {
  const { pm } = createManager();
  const compile = toTapableHook(pm, "compile", { args: ["params"] });
  const done = toTapableHook(pm, "done", { args: ["stats"] });
  return { pm, compile, done };
}

describe("pm.unregister of a tap name's plugin", () => {
  it("removes what it tapped on every hook", () => {
    const { pm, compile, done } = setup();
    compile.tap("MyPlugin", () => "compile");
    done.tap("MyPlugin", () => "done");
    compile.tap("Other", () => "other");
    pm.unregister(pm.getPlugin("MyPlugin"));
    expect(compile.taps.map((tap) => tap.name)).toEqual(["Other"]);
    expect(done.taps).toEqual([]);
    expect(hookOf(pm, "compile")({ params: {} })).toEqual(["other"]);
    expect(hookOf(pm, "done")({ stats: {} })).toEqual([]);
  });

  it("by name works too, and the name can tap again afterwards as a new plugin", () => {
    const { pm, compile, done } = setup();
    compile.tap("MyPlugin", () => "old");
    const old = pm.getPlugin("MyPlugin");
    pm.unregister(undefined, "MyPlugin");
    done.tap("MyPlugin", () => "new");
    expect(pm.getPlugin("MyPlugin")).not.toBe(old);
    expect(pm.getHookcallers(pm.getPlugin("MyPlugin")!)?.map((caller) => caller.name)).toEqual(["done"]);
    expect(hookOf(pm, "compile")({ params: {} })).toEqual([]);
  });

  it("setBlocked unregisters the taps of that name, and later taps of it are dropped as blocked plugins are", () => {
    const { pm, compile } = setup();
    compile.tap("Blocked", () => "first");
    pm.setBlocked("Blocked");
    compile.tap("Blocked", () => "second");
    expect(compile.taps).toEqual([]);
    expect(hookOf(pm, "compile")({ params: {} })).toEqual([]);
    pm.unblock("Blocked");
    compile.tap("Blocked", () => "third");
    expect(hookOf(pm, "compile")({ params: {} })).toEqual(["third"]);
  });
});

describe("untap", () => {
  it("removes one name's taps from one hook and keeps its taps on the others", () => {
    const { pm, compile, done } = setup();
    compile.tap("MyPlugin", () => "compile 1");
    compile.tap("MyPlugin", () => "compile 2");
    done.tap("MyPlugin", () => "done");
    expect(untap(compile, "MyPlugin")).toBe(true);
    expect(compile.taps).toEqual([]);
    expect(hookOf(pm, "done")({ stats: {} })).toEqual(["done"]);
    expect(untap(compile, "MyPlugin")).toBe(false);
    expect(untap(done, "MyPlugin")).toBe(true);
    expect(pm.hasPlugin("MyPlugin")).toBe(false);
  });

  it("returns false for a name that never tapped, or whose plugin was unregistered", () => {
    const { pm, compile } = setup();
    expect(untap(compile, "Nobody")).toBe(false);
    compile.tap("Gone", () => {});
    pm.unregister(undefined, "Gone");
    expect(untap(compile, "Gone")).toBe(false);
  });

  it("needs a view", () => {
    expect(() => untap(new SyncHook<[]>([], "plain"), "A")).toThrowErrorMatchingInlineSnapshot(
      `[TapableBridgeError: untap needs a view made by toTapableHook, got an object ('plain'); a tap made by tapHooksmith is removed by calling the function tapHooksmith returned]`,
    );
    expect(() => untap({} as never, "A")).toThrow(TapableBridgeError);
  });
});

describe("tap names and hooksmith plugin names", () => {
  it("refuses a tap whose name belongs to a plugin the bridge did not register", () => {
    const { pm, compile } = setup();
    pm.register({ compile: hookimpl(() => "native") }, "Native");
    expect(() => compile.tap("Native", () => {})).toThrowErrorMatchingInlineSnapshot(
      `[TapableTapError: Tap 'Native' on hook 'compile' cannot become hooksmith plugin 'Native': a plugin the bridge did not register already has that name]`,
    );
    expect(() => compile.tap("Native", () => {})).toThrow(TapableTapError);
    expect(hookOf(pm, "compile")({ params: {} })).toEqual(["native"]);
  });

  it("shows the plugin behind a tap name as a TapablePlugin", () => {
    const { pm, compile } = setup();
    compile.tap("MyPlugin", () => {});
    const plugin = pm.getPlugin("MyPlugin")!;
    expect(plugin.constructor.name).toBe("TapablePlugin");
    expect((plugin as { tapName?: string }).tapName).toBe("MyPlugin");
    expect(String(hookOf(pm, "compile").getHookimpls()[0])).toBe(
      "<HookImpl plugin_name='MyPlugin', plugin=<TapablePlugin object>>",
    );
  });
});
