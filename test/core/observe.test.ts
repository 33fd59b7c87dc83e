// observeHooks: per-implementation instrumentation (issue 17, item 1).
import { describe, expect, it } from "vitest";
import {
  HookimplMarker,
  HookspecMarker,
  HooksmithWarning,
  observeHooks,
  PluginManager,
  type HookCaller,
  type HookObserver,
  type ObservedHookCall,
  type ObservedImplStep,
} from "hooksmith";

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");

type Event = [kind: string, ...detail: unknown[]];

/** An observer that logs every event in a readable form. */
function logger(events: Event[]): HookObserver {
  return {
    callStart: (call) => events.push(["callStart", call.hookName, call.kind, call.mode, call.parent?.pluginName]),
    callEnd: (call) => events.push(["callEnd", call.hookName, call.failed ? `error ${String(call.error)}` : call.result]),
    stepStart: (step) => events.push(["stepStart", step.pluginName, step.phase]),
    stepEnd: (step) =>
      events.push([
        "stepEnd",
        step.pluginName,
        step.phase,
        step.async,
        step.failed ? `error ${String(step.error)}` : step.result,
      ]),
  };
}

function manager(warnings: Error[] = []): { pm: PluginManager; hook: Readonly<Record<string, HookCaller>> } {
  const pm = new PluginManager("example", { warn: (warning) => warnings.push(warning) });
  pm.addHookspecs({
    build: hookspec(({ target }: { target: string }) => target),
    pick: hookspec({ firstresult: true })(({ target }: { target: string }) => target),
    configure: hookspec({ historic: true })(({ level }: { level: number }) => level),
    inner: hookspec(({ depth }: { depth: number }) => depth),
  });
  return { pm, hook: pm.hook as Readonly<Record<string, HookCaller>> };
}

describe("observeHooks", () => {
  it("reports a call, each implementation step in call order, and the outcome", () => {
    const { pm, hook } = manager();
    pm.register({ build: hookimpl(({ target }: { target: string }) => `a:${target}`) }, "a");
    pm.register({ build: hookimpl(() => undefined) }, "b");
    const events: Event[] = [];
    observeHooks(pm, logger(events));
    expect(hook["build"]!({ target: "web" })).toEqual(["a:web"]);
    expect(events).toEqual([
      ["callStart", "build", "plain", "sync", undefined],
      ["stepStart", "b", "call"],
      ["stepEnd", "b", "call", false, undefined],
      ["stepStart", "a", "call"],
      ["stepEnd", "a", "call", false, "a:web"],
      ["callEnd", "build", ["a:web"]],
    ]);
  });

  it("reports a wrapper's setup and teardown as separate steps around the implementations", () => {
    const { pm, hook } = manager();
    pm.register({ build: hookimpl(({ target }: { target: string }) => target) }, "impl");
    pm.register(
      {
        build: hookimpl({ wrapper: true })(function* wrap(): Generator<undefined, unknown, unknown> {
          const result = (yield) as string[];
          return [...result, "wrapped"];
        }),
      },
      "wrapper",
    );
    const events: Event[] = [];
    observeHooks(pm, logger(events));
    expect(hook["build"]!({ target: "web" })).toEqual(["web", "wrapped"]);
    expect(events).toEqual([
      ["callStart", "build", "plain", "sync", undefined],
      ["stepStart", "wrapper", "setup"],
      ["stepEnd", "wrapper", "setup", false, undefined],
      ["stepStart", "impl", "call"],
      ["stepEnd", "impl", "call", false, "web"],
      ["stepStart", "wrapper", "teardown"],
      ["stepEnd", "wrapper", "teardown", false, ["web", "wrapped"]],
      ["callEnd", "build", ["web", "wrapped"]],
    ]);
  });

  it("ends an async step when its promise settles, and reports failures", async () => {
    const { pm, hook } = manager();
    const failure = new Error("no network");
    pm.register({ build: hookimpl(async () => Promise.reject(failure)) }, "remote");
    pm.register(
      {
        build: hookimpl({ wrapper: true })(async function* guard(): AsyncGenerator<undefined, unknown, unknown> {
          return yield;
        }),
      },
      "guard",
    );
    const steps: ObservedImplStep[] = [];
    const calls: ObservedHookCall[] = [];
    observeHooks(pm, { stepEnd: (step) => steps.push(step), callEnd: (call) => calls.push(call) });
    await expect(hook["build"]!.callAsync({ target: "web" })).rejects.toBe(failure);
    expect(steps.map((step) => [step.pluginName, step.phase, step.async, step.failed, step.error])).toEqual([
      ["guard", "setup", true, false, undefined],
      ["remote", "call", true, true, failure],
      ["guard", "teardown", true, true, failure],
    ]);
    for (const step of steps) expect(step.end).toBeGreaterThanOrEqual(step.start);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ hookName: "build", mode: "async", failed: true, error: failure });
  });

  it("names the step a nested call was made from, also after an await", async () => {
    const { pm, hook } = manager();
    pm.register({ inner: hookimpl(({ depth }: { depth: number }) => depth) }, "leaf");
    pm.register(
      {
        build: hookimpl(async ({ target }: { target: string }) => {
          hook["inner"]!({ depth: 1 });
          await new Promise((resolve) => setTimeout(resolve, 1));
          await hook["inner"]!.callAsync({ depth: 2 });
          return target;
        }),
      },
      "outer",
    );
    const calls: ObservedHookCall[] = [];
    observeHooks(pm, { callStart: (call) => calls.push(call) });
    await hook["build"]!.callAsync({ target: "web" });
    expect(calls.map((call) => [call.hookName, call.mode, call.parent?.pluginName, call.parent?.call.hookName])).toEqual([
      ["build", "async", undefined, undefined],
      ["inner", "sync", "outer", "build"],
      ["inner", "async", "outer", "build"],
    ]);
  });

  it("tells firstresult, historic calls and their replays, and parallel calls apart", async () => {
    const { pm, hook } = manager();
    pm.register({ pick: hookimpl(({ target }: { target: string }) => target) }, "picker");
    const calls: ObservedHookCall[] = [];
    observeHooks(pm, { callStart: (call) => calls.push(call) });
    hook["pick"]!({ target: "web" });
    hook["configure"]!.callHistoric({ kwargs: { level: 1 } });
    pm.register({ configure: hookimpl(({ level }: { level: number }) => level) }, "late");
    await hook["build"]!.callParallel({ target: "web" });
    expect(calls.map((call) => [call.hookName, call.kind, call.mode, call.impls.map((impl) => impl.pluginName)])).toEqual([
      ["pick", "firstresult", "sync", ["picker"]],
      ["configure", "historic", "sync", []],
      ["configure", "historic", "sync", ["late"]],
      ["build", "plain", "parallel", []],
    ]);
  });

  it("keeps observing a hook called often enough to be compiled, and stops when removed", () => {
    const { pm, hook } = manager();
    pm.register({ build: hookimpl(({ target }: { target: string }) => target) }, "a");
    for (let i = 0; i < 500; i++) hook["build"]!({ target: "warm" });
    let steps = 0;
    const stop = observeHooks(pm, { stepEnd: () => void steps++ });
    for (let i = 0; i < 300; i++) hook["build"]!({ target: "x" });
    expect(steps).toBe(300);
    stop();
    stop();
    for (let i = 0; i < 10; i++) hook["build"]!({ target: "x" });
    expect(steps).toBe(300);
  });

  it("reports an observer that throws through warn, without touching the call", () => {
    const warnings: Error[] = [];
    const { pm, hook } = manager(warnings);
    pm.register({ build: hookimpl(({ target }: { target: string }) => target) }, "a");
    observeHooks(pm, {
      callStart: () => {
        throw new Error("observer bug");
      },
    });
    expect(hook["build"]!({ target: "web" })).toEqual(["web"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBeInstanceOf(HooksmithWarning);
    expect(warnings[0]!.message).toBe("A hook observer threw in callStart: Error: observer bug");
  });

  it("shows monitors the real implementations while observers run their views", () => {
    const { pm, hook } = manager();
    pm.register({ build: hookimpl(({ target }: { target: string }) => target) }, "a");
    const seen: unknown[] = [];
    pm.addHookcallMonitoring(
      (_name, impls) => seen.push(...impls),
      () => undefined,
    );
    observeHooks(pm, {});
    hook["build"]!({ target: "web" });
    expect(seen).toEqual(hook["build"]!.getHookimpls());
    expect(seen[0]).toBe(hook["build"]!.getHookimpls()[0]);
  });

  it("observes an implementation that someone froze through getHookimpls()", () => {
    const { pm, hook } = manager();
    pm.register({ build: hookimpl(({ target }: { target: string }) => `a:${target}`) }, "a");
    for (const impl of hook["build"]!.getHookimpls()) Object.freeze(impl);
    const events: Event[] = [];
    observeHooks(pm, logger(events));
    expect(hook["build"]!({ target: "web" })).toEqual(["a:web"]);
    expect(events).toContainEqual(["stepEnd", "a", "call", false, "a:web"]);
  });

  it("refuses something that is not an observer object", () => {
    const { pm } = manager();
    expect(() => observeHooks(pm, undefined as never)).toThrow("observeHooks needs an observer object, got undefined");
    expect(() => observeHooks({}, {})).toThrow("observeHooks needs a PluginManager");
  });
});
