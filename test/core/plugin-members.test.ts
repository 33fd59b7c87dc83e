// Which members of a plugin registration looks at. A class's prototype is read once for all its
// instances (issue 18: registration speed), so these tests pin that a prototype changed between
// registrations is read again.
import { describe, expect, it } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager, type HookCaller } from "hooksmith";

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");

function manager(): { pm: PluginManager; hook: Readonly<Record<string, HookCaller>> } {
  const pm = new PluginManager("example");
  pm.addHookspecs({ first: hookspec(() => undefined), second: hookspec(() => undefined) });
  return { pm, hook: pm.hook as Readonly<Record<string, HookCaller>> };
}

describe("the members registration reads", () => {
  it("sees a hook method added to a class after an instance of it was registered", () => {
    class Plugin {
      first() {
        return "first";
      }
    }
    hookimpl(Plugin.prototype.first);
    const { pm, hook } = manager();
    pm.register(new Plugin(), "before");
    (Plugin.prototype as unknown as Record<string, unknown>)["second"] = hookimpl(() => "second");
    pm.register(new Plugin(), "after");
    expect(hook["second"]!.getHookimpls().map((impl) => impl.pluginName)).toEqual(["after"]);
  });

  it("uses a replaced method, and forgets a removed one", () => {
    class Plugin {
      first() {
        return "old";
      }
      second() {
        return "gone";
      }
    }
    hookimpl(Plugin.prototype.first);
    hookimpl(Plugin.prototype.second);
    const { pm, hook } = manager();
    pm.register(new Plugin(), "a");
    Plugin.prototype.first = hookimpl(() => "new");
    delete (Plugin.prototype as unknown as Record<string, unknown>)["second"];
    pm.register(new Plugin(), "b");
    expect(hook["first"]!()).toEqual(["new", "old"]);
    expect(hook["second"]!.getHookimpls().map((impl) => impl.pluginName)).toEqual(["a"]);
  });

  it("never runs a getter, even one that replaced a method after a registration", () => {
    class Plugin {
      first() {
        return "first";
      }
    }
    hookimpl(Plugin.prototype.first);
    const { pm } = manager();
    pm.register(new Plugin(), "a");
    let ran = 0;
    Object.defineProperty(Plugin.prototype, "first", {
      get() {
        ran++;
        return hookimpl(() => "from a getter");
      },
    });
    pm.register(new Plugin(), "b");
    expect(ran).toBe(0);
    expect(pm.getHookcallers(pm.getPlugin("b")!)).toEqual([]);
  });

  it("follows a prototype chain that changed, and lets an own property hide an inherited hook", () => {
    class Base {
      first() {
        return "base";
      }
    }
    class Other {
      second() {
        return "other";
      }
    }
    hookimpl(Base.prototype.first);
    hookimpl(Other.prototype.second);
    class Plugin extends Base {}
    const { pm, hook } = manager();
    pm.register(new Plugin(), "a");
    Object.setPrototypeOf(Plugin.prototype, Other.prototype);
    pm.register(new Plugin(), "b");
    const hidden = Object.assign(new Plugin(), { second: "not a hook" });
    pm.register(hidden, "c");
    expect(hook["first"]!.getHookimpls().map((impl) => impl.pluginName)).toEqual(["a"]);
    expect(hook["second"]!.getHookimpls().map((impl) => impl.pluginName)).toEqual(["b"]);
  });
});
