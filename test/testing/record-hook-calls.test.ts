import { describe, expect, it } from "vitest";
import { HookCallError, HookimplMarker, HookspecMarker, type FirstResult, type Historic, type Result } from "hooksmith";
import { createTestPluginManager, HookCallRecorder, recordHookCalls, type RecordedHookCall } from "hooksmith/testing";

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");

interface Specs {
  greet(args: { name: string }): string;
  pick: FirstResult<(args: { name: string }) => string>;
  configure: Historic<(args: { value: number }) => number>;
  outer(args: { depth: number }): string;
  noArgs(): string;
}
const specs = {
  greet: hookspec(({ name }: { name: string }): string => name),
  pick: hookspec({ firstresult: true })(({ name }: { name: string }): string => name),
  configure: hookspec({ historic: true })(({ value }: { value: number }): number => value),
  outer: hookspec(({ depth }: { depth: number }): string => String(depth)),
  noArgs: hookspec((): string => ""),
};

const names = (call: RecordedHookCall | undefined): string[] => call?.ran.map(({ pluginName }) => pluginName) ?? [];

function manager(plugins: Record<string, object>) {
  return createTestPluginManager<Specs>("example", { specs, plugins });
}

describe("recordHookCalls", () => {
  it("records a call's arguments, the implementations in call order, and its result", () => {
    const first = hookimpl({ tryfirst: true })(({ name }: { name: string }) => `first ${name}`);
    const plain = hookimpl(({ name }: { name: string }) => `plain ${name}`);
    const last = hookimpl({ trylast: true })(({ name }: { name: string }) => `last ${name}`);
    const pm = manager({ a: { greet: last }, b: { greet: plain }, c: { greet: first } });
    using recorder = recordHookCalls(pm);
    const args = { name: "Ada" };
    pm.hook.greet(args);

    expect(recorder.calls).toHaveLength(1);
    const [call] = recorder.callsOf("greet");
    expect(call).toMatchObject({
      hookName: "greet",
      status: "returned",
      result: ["first Ada", "plain Ada", "last Ada"],
      error: undefined,
    });
    expect(call!.args).toBe(args);
    expect(names(call)).toEqual(["c", "b", "a"]);
    expect(call!.ran.map((impl) => impl.function)).toEqual([first, plain, last]);
    expect(call!.ran.map((impl) => impl.plugin)).toEqual([pm.getPlugin("c"), pm.getPlugin("b"), pm.getPlugin("a")]);
    expect(call!.hookImpls.map((impl) => impl.pluginName)).toEqual(["a", "b", "c"]);
  });

  it("lists only the implementations that ran before a firstresult call stopped", () => {
    const pm = manager({
      silent: { pick: hookimpl(() => undefined) },
      answers: { pick: hookimpl(() => "answer") },
      first: { pick: hookimpl(() => undefined) },
    });
    using recorder = recordHookCalls(pm);
    expect(pm.hook.pick({ name: "x" })).toBe("answer");
    const [call] = recorder.callsOf("pick");
    expect(names(call)).toEqual(["first", "answers"]);
    expect(call!.hookImpls).toHaveLength(3);
    expect(call!.result).toBe("answer");
  });

  it("records the error a call threw, and the implementations that ran up to it", () => {
    const failure = new Error("boom");
    const pm = manager({
      after: { greet: hookimpl(() => "never") },
      fails: {
        greet: hookimpl(() => {
          throw failure;
        }),
      },
      before: { greet: hookimpl(() => "ran") },
    });
    using recorder = recordHookCalls(pm);
    expect(() => pm.hook.greet({ name: "x" })).toThrow(failure);
    const [call] = recorder.callsOf("greet");
    expect(call).toMatchObject({ status: "threw", error: failure, result: undefined });
    expect(names(call)).toEqual(["before", "fails"]);
  });

  it("does not list an implementation the call refused for a missing argument", () => {
    const pm = manager({ needsName: { greet: hookimpl(({ name }: { name: string }) => name) } });
    using recorder = recordHookCalls(pm);
    expect(() => (pm.hook.greet as unknown as (args: object) => unknown)({})).toThrow(HookCallError);
    const [call] = recorder.callsOf("greet");
    expect(call?.status).toBe("threw");
    expect(call?.error).toBeInstanceOf(HookCallError);
    expect(names(call)).toEqual([]);
  });

  it("lists wrappers of both styles as they are entered, before the implementations", () => {
    const log: string[] = [];
    const pm = manager({
      impl: { greet: hookimpl(({ name }: { name: string }) => name) },
      oldStyle: {
        greet: hookimpl({ hookwrapper: true })(function* () {
          log.push("old enter");
          const outcome = (yield) as Result<string[]>;
          outcome.forceResult([...outcome.getResult(), "old"]);
        }),
      },
      newStyle: {
        greet: hookimpl({ wrapper: true })(function* (): Generator<unknown, string[], string[]> {
          log.push("new enter");
          const result = yield;
          return [...result, "new"];
        }),
      },
    });
    using recorder = recordHookCalls(pm);
    expect(pm.hook.greet({ name: "x" })).toEqual(["x", "old", "new"]);
    const [call] = recorder.callsOf("greet");
    expect(call!.ran.map(({ pluginName, wrapper }) => [pluginName, wrapper])).toEqual([
      ["newStyle", true],
      ["oldStyle", true],
      ["impl", false],
    ]);
    expect(log).toEqual(["new enter", "old enter"]);
  });

  it("records async calls: pending while they run, then their awaited result", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const pm = manager({
      slow: {
        greet: hookimpl(async ({ name }: { name: string }) => {
          await gate;
          return `slow ${name}`;
        }),
      },
      quick: { greet: hookimpl(async ({ name }: { name: string }) => `quick ${name}`) },
    });
    using recorder = recordHookCalls(pm);
    const running = pm.hook.greet.callAsync({ name: "Ada" });
    const [call] = recorder.callsOf("greet");
    expect(call?.status).toBe("pending");
    release();
    expect(await running).toEqual(["quick Ada", "slow Ada"]);
    expect(call).toMatchObject({ status: "returned", result: ["quick Ada", "slow Ada"] });
    expect(names(call)).toEqual(["quick", "slow"]);
  });

  it("records a rejected async call", async () => {
    const failure = new Error("async boom");
    const pm = manager({
      fails: {
        greet: hookimpl(async () => {
          throw failure;
        }),
      },
    });
    using recorder = recordHookCalls(pm);
    await expect(pm.hook.greet.callAsync({ name: "x" })).rejects.toBe(failure);
    expect(recorder.callsOf("greet")[0]).toMatchObject({ status: "threw", error: failure });
  });

  it("records callParallel calls with every implementation started", async () => {
    const pm = manager({ one: { greet: hookimpl(async () => "one") }, two: { greet: hookimpl(async () => "two") } });
    using recorder = recordHookCalls(pm);
    await pm.hook.greet.callParallel({ name: "x" });
    expect(names(recorder.callsOf("greet")[0])).toEqual(["two", "one"]);
  });

  it("tells concurrent async calls with different arguments apart", async () => {
    const pm = manager({
      a: {
        greet: hookimpl(async ({ name }: { name: string }) => {
          await Promise.resolve();
          return `a ${name}`;
        }),
      },
      b: {
        greet: hookimpl(async ({ name }: { name: string }) => {
          await Promise.resolve();
          return `b ${name}`;
        }),
      },
    });
    using recorder = recordHookCalls(pm);
    await Promise.all([pm.hook.greet.callAsync({ name: "one" }), pm.hook.greet.callAsync({ name: "two" })]);
    expect(recorder.callsOf("greet").map((call) => [call.args.name, names(call), call.result])).toEqual([
      ["one", ["b", "a"], ["b one", "a one"]],
      ["two", ["b", "a"], ["b two", "a two"]],
    ]);
  });

  it("records a historic call and its replay to a plugin registered later", () => {
    const pm = manager({ early: { configure: hookimpl(({ value }: { value: number }) => value + 1) } });
    using recorder = recordHookCalls(pm);
    const seen: number[] = [];
    pm.hook.configure.callHistoric({ kwargs: { value: 1 }, resultCallback: (result) => seen.push(result) });
    pm.register({ configure: hookimpl(({ value }: { value: number }) => value * 10) }, "late");
    const calls = recorder.callsOf("configure");
    expect(calls.map((call) => [names(call), call.result, call.args])).toEqual([
      [["early"], [2], { value: 1 }],
      [["late"], [10], { value: 1 }],
    ]);
    expect(seen).toEqual([2, 10]);
  });

  it("records callExtra with its temporary implementations", () => {
    const pm = manager({ plugin: { greet: hookimpl(() => "plugin") } });
    using recorder = recordHookCalls(pm);
    const extra = () => "extra";
    expect(pm.hook.greet.callExtra([extra], { name: "x" })).toEqual(["extra", "plugin"]);
    const [call] = recorder.callsOf("greet");
    expect(call!.ran.map(({ pluginName, function: fn, plugin }) => [pluginName, fn, plugin])).toEqual([
      ["<temp>", extra, undefined],
      ["plugin", pm.getPlugin("plugin")!["greet" as never], pm.getPlugin("plugin")],
    ]);
  });

  it("records calls through subset callers, with the implementations they keep", () => {
    const kept = { greet: hookimpl(() => "kept") };
    const removed = { greet: hookimpl(() => "removed") };
    const pm = manager({ kept, removed });
    using recorder = recordHookCalls(pm);
    expect(pm.subsetHookCaller("greet", [removed])({ name: "x" })).toEqual(["kept"]);
    const [call] = recorder.callsOf("greet");
    expect(names(call)).toEqual(["kept"]);
    expect(call!.hookImpls.map(({ pluginName }) => pluginName)).toEqual(["kept"]);
  });

  it("attributes implementations to the right call when a hook calls hooks, itself included", () => {
    const pm = createTestPluginManager<Specs>("example", { specs });
    pm.register(
      {
        outer: hookimpl(({ depth }: { depth: number }) => {
          const inner = depth > 0 ? pm.hook.outer({ depth: depth - 1 }).join("") : "";
          return `${pm.hook.greet({ name: String(depth) }).join("")}${inner}`;
        }),
      },
      "recursive",
    );
    pm.register({ greet: hookimpl(({ name }: { name: string }) => `<${name}>`) }, "greeter");
    using recorder = recordHookCalls(pm);
    expect(pm.hook.outer({ depth: 1 })).toEqual(["<1><0>"]);
    expect(recorder.calls.map((call) => [call.hookName, JSON.stringify(call.args), names(call), call.status])).toEqual([
      ["outer", '{"depth":1}', ["recursive"], "returned"],
      ["outer", '{"depth":0}', ["recursive"], "returned"],
      ["greet", '{"name":"0"}', ["greeter"], "returned"],
      ["greet", '{"name":"1"}', ["greeter"], "returned"],
    ]);
  });

  it("attributes a nested call of the same hook with the same arguments object to the inner call", () => {
    const pm = createTestPluginManager<Specs>("example", { specs });
    let nested = false;
    pm.register({ noArgs: hookimpl(() => "second") }, "second");
    pm.register(
      {
        noArgs: hookimpl(() => {
          if (!nested) {
            nested = true;
            pm.hook.noArgs();
          }
          return "first";
        }),
      },
      "first",
    );
    using recorder = recordHookCalls(pm);
    pm.hook.noArgs();
    expect(recorder.calls.map((call) => names(call))).toEqual([
      ["first", "second"],
      ["first", "second"],
    ]);
  });

  it("records only the hooks it is asked to", () => {
    const pm = manager({ p: { greet: hookimpl(() => "g"), noArgs: hookimpl(() => "n") } });
    using recorder = recordHookCalls(pm, { hooks: ["noArgs"] });
    pm.hook.greet({ name: "x" });
    pm.hook.noArgs();
    expect(recorder.calls.map(({ hookName }) => hookName)).toEqual(["noArgs"]);
  });

  it("forgets what it recorded on clear", () => {
    const pm = manager({ p: { noArgs: hookimpl(() => "n") } });
    using recorder = recordHookCalls(pm);
    pm.hook.noArgs();
    recorder.clear();
    expect(recorder.calls).toEqual([]);
    pm.hook.noArgs();
    expect(recorder.calls).toHaveLength(1);
  });

  it("leaves the implementations' functions untouched between calls", () => {
    const greet = hookimpl(() => "g");
    const pm = manager({ p: { greet } });
    using recorder = recordHookCalls(pm);
    pm.hook.greet({ name: "x" });
    expect(pm.hook.greet.getHookimpls()[0]!.function).toBe(greet);
    expect(recorder.active).toBe(true);
  });

  it("stops recording when disposed, and never replaces the implementations' functions", () => {
    const greet = hookimpl(() => "g");
    const pm = manager({ p: { greet } });
    let recorder: HookCallRecorder<Specs>;
    let during: unknown;
    pm.register({ noArgs: hookimpl(() => void (during = pm.hook.greet.getHookimpls()[0]!.function)) }, "spy");
    {
      using scoped = recordHookCalls(pm);
      recorder = scoped;
      pm.hook.noArgs();
      expect(during).toBe(greet);
    }
    expect(recorder.active).toBe(false);
    pm.hook.greet({ name: "x" });
    expect(recorder.calls.map(({ hookName }) => hookName)).toEqual(["noArgs"]);
    expect(pm.hook.greet.getHookimpls()[0]!.function).toBe(greet);
    recorder.stop();
  });

  it("leaves the functions of a running call alone, and the call pending when stopped", async () => {
    const greet = hookimpl(async () => {
      await Promise.resolve();
      return "g";
    });
    const quick = hookimpl(async () => "q");
    const pm = manager({ p: { greet }, q: { greet: quick } });
    const recorder = recordHookCalls(pm);
    const running = pm.hook.greet.callAsync({ name: "x" });
    expect(pm.hook.greet.getHookimpls().map((impl) => impl.function)).toEqual([greet, quick]);
    recorder.stop();
    expect(await running).toEqual(["q", "g"]);
    expect(recorder.calls[0]?.status).toBe("pending");
  });

  it("tells concurrent async calls with the very same arguments object apart", async () => {
    const args = { name: "shared" };
    const gates: (() => void)[] = [];
    const pm = manager({
      second: { greet: hookimpl(async () => "second") },
      first: { greet: hookimpl(() => new Promise<string>((resolve) => gates.push(() => resolve("first")))) },
    });
    using recorder = recordHookCalls(pm);
    const one = pm.hook.greet.callAsync(args);
    const two = pm.hook.greet.callAsync(args);
    await Promise.resolve();
    gates[0]!();
    expect(await one).toEqual(["first", "second"]);
    const [callOne, callTwo] = recorder.callsOf("greet");
    expect([names(callOne), callOne!.status, names(callTwo), callTwo!.status]).toEqual([
      ["first", "second"],
      "returned",
      ["first"],
      "pending",
    ]);
    gates[1]!();
    await two;
    expect(names(callTwo)).toEqual(["first", "second"]);
  });

  it("stops independently of other recorders and monitors, in any order", () => {
    const pm = manager({ p: { greet: hookimpl(() => "g") } });
    const traced: string[] = [];
    const first = recordHookCalls(pm);
    const undo = pm.addHookcallMonitoring(
      (hookName) => traced.push(hookName),
      () => undefined,
    );
    const second = recordHookCalls(pm);
    first.stop();
    pm.hook.greet({ name: "x" });
    undo();
    pm.hook.greet({ name: "y" });
    expect(first.calls).toEqual([]);
    expect(second.calls.map((call) => call.args)).toEqual([{ name: "x" }, { name: "y" }]);
    expect(traced).toEqual(["greet"]);
    second.stop();
  });

  it("works next to another recorder and the manager's own monitoring", () => {
    const pm = manager({ p: { greet: hookimpl(() => "g") } });
    const traced: string[] = [];
    const undo = pm.addHookcallMonitoring(
      (hookName) => traced.push(`before ${hookName}`),
      (_outcome, hookName) => traced.push(`after ${hookName}`),
    );
    using outer = recordHookCalls(pm);
    {
      using inner = recordHookCalls(pm);
      pm.hook.greet({ name: "x" });
      expect(names(inner.calls[0])).toEqual(["p"]);
    }
    pm.hook.greet({ name: "y" });
    expect(outer.calls.map((call) => [call.args, names(call)])).toEqual([
      [{ name: "x" }, ["p"]],
      [{ name: "y" }, ["p"]],
    ]);
    expect(traced).toEqual(["before greet", "after greet", "before greet", "after greet"]);
    undo();
  });

  it("keeps the function name the call loop reports in wrapper errors", () => {
    const pm = manager({
      p: {
        greet: hookimpl({ wrapper: true })(function* namedWrapper() {
          // Returns without yielding: a wrapper protocol error naming the function.
        }),
      },
    });
    using recorder = recordHookCalls(pm);
    expect(() => pm.hook.greet({ name: "x" })).toThrow(
      "wrap_controller at 'namedWrapper' (plugin 'p', hook 'greet') did not yield",
    );
    expect(names(recorder.calls[0])).toEqual(["p"]);
  });

  it("needs a plugin manager", () => {
    expect(() => recordHookCalls({} as never)).toThrow(TypeError);
  });
});
