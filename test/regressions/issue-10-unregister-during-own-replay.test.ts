// Issue 10 (reliability), found by test/reliability/manager-model.test.ts: a plugin unregistered
// while its own registration replays a historic hook keeps implementations attached to hooks
// although it is no longer registered; later calls still run them and nothing can remove them
// (unregister refuses a plugin that is not registered).
//
// Expected (the model's rule): the unregister wins; none of the plugin's implementations stays
// attached and no hook caller its registration created remains. What `register` then returns or
// throws is left to the fix.
import { describe, expect, it } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager, type HookCaller } from "hooksmith";

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");

function setup(): { pm: PluginManager; hook: (name: string) => HookCaller; plugin: Record<string, unknown> } {
  const pm = new PluginManager("example");
  pm.addHookspecs({
    configure: hookspec({ historic: true })(({ config }: { config: object }) => config),
    ready: hookspec(() => undefined),
  });
  const hook = (name: string) => (pm.hook as Readonly<Record<string, HookCaller>>)[name]!;
  hook("configure").callHistoric({ kwargs: { config: {} } });
  // A one-shot plugin: once configured, it removes itself. Members are registered in sorted
  // order, so "configure" replays (and unregisters the plugin) before "ready" and "zz_extra".
  const plugin: Record<string, unknown> = {
    configure: hookimpl(() => {
      pm.unregister(plugin);
    }),
    ready: hookimpl(() => "still called"),
    zz_extra: hookimpl({ specname: "created_by_registration" })(() => "orphan"),
  };
  return { pm, hook, plugin };
}

describe("A plugin that unregisters itself during its own historic replay", () => {
  it.each(["register", "registerAsync"] as const)("leaves no implementation of it attached (%s)", async (method) => {
    const { pm, hook, plugin } = setup();
    await pm[method](plugin, "one-shot");

    expect(pm.isRegistered(plugin)).toBe(false);
    expect(pm.hasPlugin("one-shot")).toBe(false);
    expect(hook("configure").getHookimpls()).toEqual([]);
    expect(hook("ready").getHookimpls()).toEqual([]);
    expect(hook("ready")()).toEqual([]);
    expect(pm.hook["created_by_registration"]).toBeUndefined();
  });
});
