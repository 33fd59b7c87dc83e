// docs/coming-from-pluggy.md, "Porting `return None`": null is a result, so a firstresult call
// stops at it; undefined is pluggy's None.
import { describe, expect, it } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager } from "hooksmith";

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");
const specs = {
  findConfig: hookspec({ firstresult: true })(({ path }: { path: string }): string | undefined => (path ? undefined : undefined)),
};

function manager(): PluginManager<typeof specs> {
  const pm = new PluginManager<typeof specs>("example");
  pm.addHookspecs(specs);
  pm.register({ findConfig: hookimpl(({ path }: { path: string }) => `${path}/example.toml`) }, "fallback");
  return pm;
}

describe("porting return None", () => {
  it("stops a firstresult call at null, hiding the implementations after it (the guide's example)", () => {
    const pm = manager();
    // A typed manager refuses it at compile time ("Type 'null' is not assignable to type 'string |
    // void | undefined'"); code that gets past the types still stops there.
    // @ts-expect-error null is not a result of findConfig
    pm.register({ findConfig: hookimpl(({ path }: { path: string }) => (path.endsWith(".git") ? "git" : null)) }, "wrong");
    expect(pm.hook.findConfig({ path: "/src" })).toBeNull();
  });

  it("goes on past undefined, as pluggy goes on past None", () => {
    const pm = manager();
    pm.register({ findConfig: hookimpl(({ path }: { path: string }) => (path.endsWith(".git") ? "git" : undefined)) }, "right");
    expect(pm.hook.findConfig({ path: "/src" })).toBe("/src/example.toml");
  });
});
