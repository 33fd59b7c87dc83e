// Worked examples of what the model-based properties check in general: registering or
// unregistering plugins in the middle of a call (sync and async), and a plugin throwing at every
// place it can, after which the manager shows exactly the state it had before.
import { describe, expect, it } from "vitest";
import {
  HookimplMarker,
  HookspecMarker,
  PluginManager,
  PluginRegistrationError,
  type HookCaller,
  type Result,
} from "../../src/index.ts";

const hookspec = HookspecMarker("reentry");
const hookimpl = HookimplMarker("reentry");

type Mode = "sync" | "async";
const modes: readonly Mode[] = ["sync", "async"];

function manager(): { pm: PluginManager; hook: (name: string) => HookCaller; warnings: Error[] } {
  const warnings: Error[] = [];
  const pm = new PluginManager("reentry", { warn: (warning) => warnings.push(warning) });
  pm.addHookspecs({
    h: hookspec(() => undefined),
    configure: hookspec({ historic: true })(() => undefined),
  });
  return { pm, hook: (name) => (pm.hook as Readonly<Record<string, HookCaller>>)[name]!, warnings };
}

/** Calls `h` in the given mode; an async call lets other jobs run inside the implementations that await. */
async function call(hook: HookCaller, mode: Mode): Promise<unknown> {
  return mode === "sync" ? hook() : hook.callAsync();
}

describe("Registering and unregistering during a call", () => {
  it.each(modes)(
    "an implementation that unregisters a plugin does not change the ongoing call, only the next (%s)",
    async (mode) => {
      const { pm, hook } = manager();
      const victim = { h: hookimpl(() => "victim") };
      pm.register(victim, "victim");
      pm.register(
        {
          h: hookimpl(() => {
            if (pm.isRegistered(victim)) pm.unregister(victim);
            return "remover";
          }),
        },
        "remover",
      );
      await expect(call(hook("h"), mode)).resolves.toEqual(["remover", "victim"]);
      expect(pm.isRegistered(victim)).toBe(false);
      await expect(call(hook("h"), mode)).resolves.toEqual(["remover"]);
    },
  );

  it.each(modes)(
    "an implementation that registers a plugin does not change the ongoing call, only the next (%s)",
    async (mode) => {
      const { pm, hook } = manager();
      const newcomer = { h: hookimpl({ tryfirst: true })(() => "newcomer") };
      pm.register({ h: hookimpl(() => "last") }, "last");
      pm.register(
        {
          h: hookimpl(() => {
            if (!pm.isRegistered(newcomer)) pm.register(newcomer, "newcomer");
            return "registrar";
          }),
        },
        "registrar",
      );
      await expect(call(hook("h"), mode)).resolves.toEqual(["registrar", "last"]);
      await expect(call(hook("h"), mode)).resolves.toEqual(["newcomer", "registrar", "last"]);
    },
  );

  it("a registration while an async call awaits is not seen by that call", async () => {
    const { pm, hook } = manager();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    pm.register({ h: hookimpl(() => "first registered") }, "a");
    pm.register({ h: hookimpl(async () => (await gate, "waiting")) }, "b");
    const pending = hook("h").callAsync();
    pm.register({ h: hookimpl(() => "during the call") }, "c");
    release();
    await expect(pending).resolves.toEqual(["waiting", "first registered"]);
    await expect(hook("h").callAsync()).resolves.toEqual(["during the call", "waiting", "first registered"]);
  });

  it.each(modes)("a wrapper whose plugin is unregistered mid-call is still torn down (%s)", async (mode) => {
    const { pm, hook } = manager();
    const log: string[] = [];
    const wrapperPlugin = {
      h: hookimpl({ wrapper: true })(function* wrap(): Generator<undefined, unknown, unknown> {
        log.push("enter");
        try {
          return yield;
        } finally {
          log.push("teardown");
        }
      }),
    };
    pm.register(wrapperPlugin, "wrapper");
    pm.register({ h: hookimpl(() => (pm.unregister(wrapperPlugin), "unregistered it")) }, "remover");
    await expect(call(hook("h"), mode)).resolves.toEqual(["unregistered it"]);
    expect(log).toEqual(["enter", "teardown"]);
    expect(
      hook("h")
        .getHookimpls()
        .map((impl) => impl.pluginName),
    ).toEqual(["remover"]);
  });

  it("a plugin registered by a historic call's implementation gets that call replayed at once", () => {
    const { pm, hook } = manager();
    const seen: unknown[] = [];
    const late = { configure: hookimpl(() => "late") };
    pm.register({ configure: hookimpl(() => (pm.isRegistered(late) ? "again" : (pm.register(late, "late"), "early"))) }, "early");
    hook("configure").callHistoric({ resultCallback: (result) => seen.push(result) });
    // The replay to "late" happens inside the ongoing call, so its result reaches the callback first.
    expect(seen).toEqual(["late", "early"]);
  });
});

/** The manager's observable state. */
function observe(pm: PluginManager): unknown {
  const hooks = pm.hook as Readonly<Record<string, HookCaller>>;
  return {
    names: pm.listNamePlugin(),
    plugins: [...pm.getPlugins()],
    callers: [...pm.getPlugins()].map((plugin) => pm.getHookcallers(plugin)?.map((caller) => caller.name)),
    hooks: Object.fromEntries(
      Object.entries(hooks).map(([name, caller]) => [name, caller.getHookimpls().map((impl) => impl.pluginName)]),
    ),
  };
}

class Boom extends Error {}

describe("A plugin that throws never corrupts the manager", () => {
  interface Site {
    /** Makes the failure happen on `pm`; it must throw (or reject with) a Boom or a hooksmith error wrapping one. */
    readonly fail: (pm: PluginManager, hook: (name: string) => HookCaller) => unknown;
    /** Whether plugin "thrower" is registered afterwards: a failed call keeps it, a failed registration leaves no trace. */
    readonly registered: boolean;
  }
  const sites: Record<string, Site> = {
    "an implementation": {
      registered: true,
      fail: (pm, hook) => {
        pm.register(
          {
            h: hookimpl(() => {
              throw new Boom("impl");
            }),
          },
          "thrower",
        );
        return hook("h")();
      },
    },
    "a wrapper before its yield": {
      registered: true,
      fail: (pm, hook) => {
        pm.register(
          {
            h: hookimpl({ wrapper: true })(function* before(): Generator<undefined, unknown, unknown> {
              throw new Boom("setup");
            }),
          },
          "thrower",
        );
        return hook("h").callAsync();
      },
    },
    "a wrapper after its yield": {
      registered: true,
      fail: (pm, hook) => {
        pm.register(
          {
            h: hookimpl({ hookwrapper: true })(function* after(): Generator<undefined, void, Result<unknown>> {
              yield;
              throw new Boom("teardown");
            }),
          },
          "thrower",
        );
        return hook("h")();
      },
    },
    "a parseHookimplOpts override": {
      registered: false,
      fail: (pm) => {
        Object.defineProperty(pm, "parseHookimplOpts", {
          value: () => {
            throw new Boom("parse");
          },
        });
        return pm.register({ h: hookimpl(() => 1) }, "thrower");
      },
    },
    "a historic replay": {
      registered: false,
      fail: (pm, hook) => {
        hook("configure").callHistoric();
        return pm.register(
          {
            aaa: hookimpl({ specname: "h" })(() => 1),
            configure: hookimpl(() => {
              throw new Boom("replay");
            }),
            zzz: hookimpl({ specname: "fresh" })(() => 1),
          },
          "thrower",
        );
      },
    },
    "a result callback during a replay": {
      registered: false,
      fail: (pm, hook) => {
        hook("configure").callHistoric({
          resultCallback: (result) => {
            if (result === "thrower") throw new Boom("callback");
          },
        });
        return pm.register(
          {
            aaa: hookimpl({ specname: "h" })(() => 1),
            configure: hookimpl(() => "thrower"),
            zzz: hookimpl({ specname: "fresh" })(() => 1),
          },
          "thrower",
        );
      },
    },
    "an async historic replay": {
      registered: false,
      fail: (pm, hook) => {
        hook("configure").callHistoric();
        return pm.registerAsync(
          {
            aaa: hookimpl({ specname: "h" })(() => 1),
            configure: hookimpl(async () => {
              throw new Boom("async replay");
            }),
            zzz: hookimpl({ specname: "fresh" })(() => 1),
          },
          "thrower",
        );
      },
    },
  };

  it.each(Object.keys(sites))(
    "%s: the manager shows the state it had before (but for a plugin whose call failed), and calls still work",
    async (site) => {
      const { pm, hook } = manager();
      const bystander = { h: hookimpl(() => "bystander") };
      pm.register(bystander, "bystander");
      pm.setBlocked("blocked");
      hook("configure").callHistoric();
      const before = observe(pm);

      const outcome = await Promise.resolve()
        .then(() => sites[site]!.fail(pm, hook))
        .then(
          () => "no failure",
          (error: unknown) => error,
        );
      expect(outcome instanceof Boom || (outcome instanceof PluginRegistrationError && outcome.cause instanceof Boom)).toBe(true);

      expect(pm.hasPlugin("thrower")).toBe(sites[site]!.registered);
      if (sites[site]!.registered) pm.unregister(undefined, "thrower");
      expect(observe(pm)).toEqual(before);
      expect(hook("h")()).toEqual(["bystander"]);
      expect(pm.hook["fresh"]).toBeUndefined();
    },
  );
});
