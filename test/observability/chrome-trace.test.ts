// HookProfile.toChromeTrace: the recording as Chrome Trace Event JSON (issue 17, item 3).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  profileHooks,
  type ChromeTrace,
  type ChromeTraceAsyncEvent,
  type ChromeTraceCompleteEvent,
  type ChromeTraceEvent,
} from "hooksmith";
import { hookimpl, manager, tick, useFakeClock, useRealClock } from "./helpers.ts";
import { traceFormatProblems } from "./trace-event-format.ts";

beforeEach(useFakeClock);
afterEach(useRealClock);

type Slice = ChromeTraceCompleteEvent | ChromeTraceAsyncEvent;

const complete = (trace: ChromeTrace): ChromeTraceCompleteEvent[] =>
  trace.traceEvents.filter((event): event is ChromeTraceCompleteEvent => event.ph === "X");
const begins = (trace: ChromeTrace): ChromeTraceAsyncEvent[] =>
  trace.traceEvents.filter((event): event is ChromeTraceAsyncEvent => event.ph === "b");
const brief = (event: ChromeTraceEvent) => [event.name, event.ph, event.ts, (event as { dur?: number }).dur];

/** A run with every shape a trace has: sync nesting, wrappers, async nesting, parallel steps, a failure, a stage step. */
async function mixedRun(): Promise<ChromeTrace> {
  const { pm, hook } = manager();
  pm.register({ leaf: hookimpl(() => void tick(1)) }, "leafy");
  pm.register(
    {
      build: hookimpl(async () => {
        tick(1);
        hook["leaf"]!({ n: 1 });
        await Promise.resolve();
        await hook["leaf"]!.callAsync({ n: 2 });
        tick(1);
        return "remote";
      }),
    },
    "remote",
  );
  pm.register(
    {
      build: hookimpl(async () => {
        tick(2);
        await Promise.resolve();
        tick(1);
        return "second";
      }),
    },
    "second",
  );
  pm.register(
    {
      build: hookimpl({ wrapper: true })(function* (): Generator<undefined, unknown, unknown> {
        tick(1);
        const result = yield;
        tick(1);
        return result;
      }),
    },
    "wrap",
  );
  pm.register(
    {
      pick: hookimpl(() => {
        throw new RangeError("nothing to pick");
      }),
    },
    "picky",
  );
  const profiler = profileHooks(pm);
  hook["leaf"]!({ n: 0 });
  await hook["build"]!.callAsync({ target: "web" });
  await hook["build"]!.callParallel({ target: "web" });
  expect(() => hook["pick"]!({ n: 1 })).toThrow("nothing to pick");
  profiler.onStageProgress({ type: "start", flow: "render", stage: "network", phase: "render", index: 0 });
  tick(3);
  profiler.onStageProgress({ type: "finish", flow: "render", stage: "network", phase: "render", index: 0, durationMs: 3 });
  return profiler.stop().toChromeTrace({ processName: "mixed run" });
}

describe("HookProfile.toChromeTrace", () => {
  it("writes a valid Trace Event Format file", async () => {
    const trace = await mixedRun();
    expect(traceFormatProblems(trace)).toEqual([]);
    expect(trace.displayTimeUnit).toBe("ms");
    expect(trace.otherData).toMatchObject({ source: "hooksmith profileHooks", hookCalls: 8, stageSteps: 1 });
    expect(trace.traceEvents.slice(0, 2)).toEqual([
      { name: "process_name", ph: "M", ts: 0, pid: 1, tid: 1, args: { name: "mixed run" } },
      { name: "thread_name", ph: "M", ts: 0, pid: 1, tid: 1, args: { name: "hook calls" } },
    ]);
    const times = trace.traceEvents.map((event) => event.ts);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("writes synchronous calls as nested complete events on one thread", async () => {
    const { pm, hook } = manager();
    pm.register({ leaf: hookimpl(() => void tick(2)) }, "leafy");
    pm.register(
      {
        build: hookimpl(() => {
          tick(1);
          hook["leaf"]!({ n: 1 });
        }),
      },
      "outer",
    );
    pm.register(
      {
        build: hookimpl({ wrapper: true })(function* (): Generator<undefined, unknown, unknown> {
          tick(1);
          return yield;
        }),
      },
      "wrap",
    );
    const profiler = profileHooks(pm);
    tick(1);
    hook["build"]!({ target: "web" });
    const trace = profiler.stop().toChromeTrace();
    expect(complete(trace).map(brief)).toEqual([
      ["build", "X", 1000, 4000],
      ["wrap (setup)", "X", 1000, 1000],
      ["outer", "X", 2000, 3000],
      ["leaf", "X", 3000, 2000],
      ["leafy", "X", 3000, 2000],
      ["wrap (teardown)", "X", 5000, 0],
    ]);
    expect(begins(trace)).toEqual([]);
    expect(complete(trace)[2]!.args).toEqual({ hook: "build", plugin: "outer", kind: "plain", phase: "call", async: false });
    expect(complete(trace)[1]!.args).toMatchObject({ kind: "wrapper", phase: "setup" });
    expect(complete(trace)[0]!.args).toEqual({ hook: "build", kind: "plain", mode: "sync" });
  });

  it("writes asynchronous calls as async events, nested on the track of the step they were made from", async () => {
    const trace = await mixedRun();
    const asyncSlices = begins(trace);
    const track = (name: string, nth = 0) => asyncSlices.filter((event) => event.name === name)[nth]!.id2.local;
    // callAsync: the call, its steps, and the calls made from "remote" (also the sync one) on one track.
    const first = track("build");
    expect(asyncSlices.filter((event) => event.id2.local === first).map((event) => event.name)).toEqual(
      expect.arrayContaining(["build", "wrap (setup)", "second", "remote", "leaf", "leafy", "wrap (teardown)"]),
    );
    // callParallel: its implementations overlap, so they cannot all nest on the call's track.
    const parallel = asyncSlices.filter((event) => event.ts >= asyncSlices.filter((e) => e.name === "build")[1]!.ts);
    const parallelTracks = new Set(
      parallel.filter((event) => event.name === "second" || event.name === "remote").map((event) => event.id2.local),
    );
    expect(parallelTracks.size).toBe(2);
    // The synchronous call before them stays on the thread; the failed call carries its error.
    expect(complete(trace).map((event) => event.name)).toEqual(["leaf", "leafy", "pick", "picky"]);
    expect(complete(trace).find((event) => event.name === "picky")!.args).toMatchObject({
      kind: "firstresult",
      error: "RangeError: nothing to pick",
    });
    expect(asyncSlices.find((event) => event.name === "network render")!.args).toEqual({
      flow: "render",
      stage: "network",
      phase: "render",
      index: 0,
    });
    expect(traceFormatProblems(trace)).toEqual([]);
  });

  it("nests an async child inside its parent in time, so that viewers stack them", async () => {
    const trace = await mixedRun();
    const slices = new Map<string, [number, number]>();
    const open: ChromeTraceAsyncEvent[] = [];
    for (const event of trace.traceEvents) {
      if (event.ph === "b") open.push(event);
      if (event.ph === "e") {
        const index = open.findLastIndex((candidate) => candidate.id2.local === event.id2.local);
        const begin = open.splice(index, 1)[0]!;
        slices.set(`${begin.name}@${begin.ts}`, [begin.ts, event.ts]);
      }
    }
    const spans = (name: string) => [...slices].filter(([key]) => key.startsWith(`${name}@`)).map(([, span]) => span);
    // Each run of "remote" calls leaf twice (once sync, once awaited): all four inside a "remote".
    expect(spans("leaf")).toHaveLength(4);
    for (const [start, end] of spans("leaf")) {
      expect(spans("remote").some(([from, to]) => start >= from && end <= to)).toBe(true);
    }
  });

  it("marks a call still running when the profiler stopped", async () => {
    const { pm, hook } = manager();
    let release!: () => void;
    pm.register({ build: hookimpl(() => new Promise<void>((resolve) => (release = resolve))) }, "hanging");
    const profiler = profileHooks(pm);
    const running = hook["build"]!.callAsync({ target: "web" });
    tick(5);
    const trace = profiler.stop().toChromeTrace();
    expect(begins(trace).map((event) => [event.name, event.args?.["unfinished"]])).toEqual([
      ["build", true],
      ["hanging", true],
    ]);
    expect(trace.traceEvents.filter((event) => event.ph === "e").map((event) => event.ts)).toEqual([5000, 5000]);
    expect(traceFormatProblems(trace)).toEqual([]);
    release();
    await running;
  });

  it("writes whole nanoseconds, so that rounding never pushes a child out of its parent", () => {
    useRealClock();
    const { pm, hook } = manager();
    pm.register({ leaf: hookimpl(() => 1) }, "a");
    pm.register({ build: hookimpl(() => hook["leaf"]!({ n: 1 })) }, "b");
    const profiler = profileHooks(pm);
    for (let i = 0; i < 200; i++) hook["build"]!({ target: String(i) });
    const trace = profiler.stop().toChromeTrace();
    expect(traceFormatProblems(trace)).toEqual([]);
    for (const event of complete(trace) as Slice[]) expect(Number.isInteger(Math.round(event.ts * 1000))).toBe(true);
  });

  it("gives an empty profile metadata and no slices", () => {
    const { pm } = manager();
    const trace = profileHooks(pm).stop().toChromeTrace();
    expect(trace.traceEvents.map((event) => event.ph)).toEqual(["M", "M"]);
    expect(traceFormatProblems(trace)).toEqual([]);
  });
});

describe("the trace format checker", () => {
  it("finds what breaks the format", () => {
    expect(
      traceFormatProblems({
        traceEvents: [
          { name: "a", ph: "X", ts: 0, dur: 10, pid: 1, tid: 1, cat: "c" },
          { name: "b", ph: "X", ts: 5, dur: 10, pid: 1, tid: 1, cat: "c" },
          { name: "c", ph: "b", ts: 0, pid: 1, tid: 1, cat: "c", id2: { local: "0x1" } },
          { name: "d", ph: "e", ts: 1, pid: 1, tid: 1, cat: "c", id2: { local: "0x1" } },
          { name: "e", ph: "b", ts: 0, pid: 1, tid: 1, cat: "c" },
          { name: "f", ph: "Q", ts: 0, pid: 1, tid: 1 },
          { name: "g", ph: "X", ts: -1, dur: 1, pid: 1, tid: 1, cat: "c" },
        ],
      }),
    ).toEqual([
      'event 4 ("e", "b"): an async event needs exactly one of id, id2.local, id2.global',
      'event 5 ("f", "Q"): unknown phase',
      'event 6 ("g", "X"): ts must be a number >= 0',
      'thread 1:1: "b" [5000, 15000] overlaps "a" [0, 10000] without nesting in it',
      'async local:1:c:0x1: "d" closes "c"',
    ]);
  });
});
