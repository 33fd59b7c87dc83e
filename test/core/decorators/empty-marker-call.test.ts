// Issue 16, item 3: pytest-xdist writes `@pytest.hookspec()` and plugins `@pytest.hookimpl()`, with
// empty parentheses. `hookspec()` and `hookimpl()` are the markers with default options, as
// `hookspec({})` and `hookimpl({})`, in every form; this file runs under both decorator modes.
import { describe, expect, it } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager, type HookCaller } from "hooksmith";

const hookspec = HookspecMarker("xdist");
const hookimpl = HookimplMarker("xdist");

class NewHooks {
  @hookspec()
  pytest_xdist_setupnodes({ config }: { config: { workers: number } }): unknown {
    return config;
  }
}

class Plugin {
  @hookimpl()
  pytest_xdist_setupnodes({ config }: { config: { workers: number } }) {
    return `setting up ${config.workers} workers`;
  }
}

describe("hookspec() and hookimpl() with no argument", () => {
  it("mark with default options as decorators, as hookspec({}) and hookimpl({}) do", () => {
    const pm = new PluginManager("xdist");
    pm.addHookspecs(NewHooks);
    pm.register(new Plugin(), "dsession");
    const hook = (pm.hook as Readonly<Record<string, HookCaller>>)["pytest_xdist_setupnodes"]!;
    expect(hook.spec?.opts).toMatchObject({ firstresult: false, historic: false });
    expect(hook.getHookimpls()[0]!.opts).toMatchObject({ wrapper: false, tryfirst: false, optionalhook: false });
    expect(hook({ config: { workers: 4 } })).toEqual(["setting up 4 workers"]);
  });

  it("mark a function called with it, as the options forms do", () => {
    const pm = new PluginManager("xdist");
    pm.addHookspecs({ ready: hookspec()(() => undefined) });
    pm.register({ ready: hookimpl()(() => "ready") }, "p");
    expect((pm.hook as Readonly<Record<string, HookCaller>>)["ready"]!()).toEqual(["ready"]);
  });
});
