// Patterns of pytest and pytest-xdist that showed gaps against pluggy (issue 16, items 1 and 2),
// written here in TypeScript from the shape of the original code.
import { describe, expect, it } from "vitest";
import { HookCallError, HookimplMarker, HookspecMarker, PluginManager, PluginValidationError, type HookCaller } from "hooksmith";

const hookspec = HookspecMarker("pytest");
const hookimpl = HookimplMarker("pytest");

/** pytest's own specs: pytest_addhooks (historic) and pytest_configure (historic). */
function pytestManager(warnings: Error[] = []): { pm: PluginManager; hook: Readonly<Record<string, HookCaller>> } {
  const pm = new PluginManager("pytest", { warn: (warning) => warnings.push(warning) });
  pm.addHookspecs({
    pytest_addhooks: hookspec({ historic: true })(({ pluginmanager }: { pluginmanager: PluginManager }) => void pluginmanager),
    pytest_configure: hookspec({ historic: true })(({ config }: { config: { option: string } }) => void config),
  });
  return { pm, hook: pm.hook as Readonly<Record<string, HookCaller>> };
}

/** pytest-xdist's newhooks module: the specs it adds from pytest_addhooks. */
const newhooks = {
  pytest_testnodeready: hookspec(({ node }: { node: string }) => void node),
  pytest_xdist_setupnodes: hookspec({ warnOnImpl: new Error("pytest_xdist_setupnodes is deprecated") })(
    ({ config }: { config: object }) => void config,
  ),
};

describe("specs added during a plugin's own historic replay (pytest-xdist's pytest_addhooks)", () => {
  it("refuses an implementation that does not fit a spec its own replay added, leaving the plugin unregistered", () => {
    const { pm, hook } = pytestManager();
    hook["pytest_addhooks"]!.callHistoric({ kwargs: { pluginmanager: pm } });
    const xdistPlugin = {
      pytest_addhooks: hookimpl(({ pluginmanager }: { pluginmanager: PluginManager }) => pluginmanager.addHookspecs(newhooks)),
      pytest_testnodeready: hookimpl(({ node, worker }: { node: string; worker: number }) => `${node}:${worker}`),
    };
    let error: unknown;
    try {
      pm.register(xdistPlugin, "xdist.plugin");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PluginValidationError);
    expect((error as PluginValidationError).code).toBe("HOOKSMITH_ARGUMENT_NOT_IN_SPEC");
    expect((error as Error).message).toContain('Argument(s) ["worker"] are declared in the hookimpl');
    // Registration is atomic; the specs the replay added stay, as the spec namespace is not the plugin's.
    expect(pm.hasPlugin("xdist.plugin")).toBe(false);
    expect(hook["pytest_addhooks"]!.getHookimpls()).toEqual([]);
    expect(hook["pytest_testnodeready"]!.hasSpec()).toBe(true);
    expect(hook["pytest_testnodeready"]!.getHookimpls()).toEqual([]);
  });

  it("emits the warnOnImpl warning of a spec the replay added when the implementation attaches", () => {
    const warnings: Error[] = [];
    const { pm, hook } = pytestManager(warnings);
    hook["pytest_addhooks"]!.callHistoric({ kwargs: { pluginmanager: pm } });
    pm.register(
      {
        pytest_addhooks: hookimpl(({ pluginmanager }: { pluginmanager: PluginManager }) => pluginmanager.addHookspecs(newhooks)),
        pytest_xdist_setupnodes: hookimpl(({ config }: { config: object }) => config),
      },
      "xdist.plugin",
    );
    expect(warnings.map((warning) => warning.message)).toEqual(["pytest_xdist_setupnodes is deprecated"]);
    expect(hook["pytest_xdist_setupnodes"]!({ config: { n: 2 } })).toEqual([{ n: 2 }]);
  });

  it("registers a fitting implementation, which the added spec then calls", () => {
    const { pm, hook } = pytestManager();
    hook["pytest_addhooks"]!.callHistoric({ kwargs: { pluginmanager: pm } });
    pm.register(
      {
        pytest_addhooks: hookimpl(({ pluginmanager }: { pluginmanager: PluginManager }) => pluginmanager.addHookspecs(newhooks)),
        pytest_testnodeready: hookimpl(({ node }: { node: string }) => `ready ${node}`),
      },
      "xdist.plugin",
    );
    expect(hook["pytest_testnodeready"]!({ node: "gw0" })).toEqual(["ready gw0"]);
  });
});

describe("HookCaller.clearHistory (pytest's _ensure_unconfigure)", () => {
  it("keeps a plugin registered after unconfigure from being configured with the old config", () => {
    const { pm, hook } = pytestManager();
    const configured: string[] = [];
    const plugin = (name: string) => ({
      pytest_configure: hookimpl(
        ({ config }: { config: { option: string } }) => void configured.push(`${name}:${config.option}`),
      ),
    });
    pm.register(plugin("early"), "early");
    hook["pytest_configure"]!.callHistoric({ kwargs: { config: { option: "first" } } });
    // _ensure_unconfigure: self.hook.pytest_configure._call_history = []
    hook["pytest_configure"]!.clearHistory();
    pm.register(plugin("late"), "late");
    expect(configured).toEqual(["early:first"]);
    // Calls made after clearing are recorded and replayed again.
    hook["pytest_configure"]!.callHistoric({ kwargs: { config: { option: "second" } } });
    pm.register(plugin("later"), "later");
    // Most recently registered first, as every call runs.
    expect(configured).toEqual(["early:first", "late:second", "early:second", "later:second"]);
  });

  it("refuses a hook that is not historic", () => {
    const pm = new PluginManager("pytest");
    pm.addHookspecs({ pytest_collect: hookspec(() => {}) });
    expect(() => (pm.hook as Readonly<Record<string, HookCaller>>)["pytest_collect"]!.clearHistory()).toThrow(HookCallError);
  });
});
