// A recording as Chrome Trace Event JSON (the format of chrome://tracing and Perfetto's legacy
// JSON importer).
//
// Synchronous hook calls are complete events (`ph: "X"`) on one thread, so a viewer stacks a call,
// its implementation steps and the synchronous calls made from them by their times. Everything
// asynchronous (awaited and parallel calls, their steps, stage steps) is a nestable async event
// pair (`ph: "b"` / `"e"`): events of one category and id form one tree, shown as one track, so
// each is put on the track of the item it was made from when it nests there in time, and
// otherwise on a free track (concurrent implementations of a parallel call, a call that outlives
// the step that started it). All times are whole nanoseconds, written in microseconds, so that
// children never poke out of their parents through rounding.

import type { CallRecord, RecordedProfile, StageRecord, StepRecord } from "./recording.ts";

/**
 * Fields every event of a {@link ChromeTrace} has.
 *
 * @example
 * ```ts
 * import type { ChromeTraceEventBase } from "hooksmith";
 *
 * const at = (event: ChromeTraceEventBase) => `${event.name} at ${event.ts} µs`;
 * ```
 */
export interface ChromeTraceEventBase {
  /** The name shown on the slice. */
  readonly name: string;
  /** The phase: `X`, `b`, `e` or `M`. */
  readonly ph: string;
  /** The timestamp, microseconds from the start of the profile. */
  readonly ts: number;
  /** The process id. */
  readonly pid: number;
  /** The thread id. */
  readonly tid: number;
}

/**
 * A complete event: one synchronous hook call or implementation step.
 *
 * @example
 * ```ts
 * import type { ChromeTraceCompleteEvent } from "hooksmith";
 *
 * const end = (event: ChromeTraceCompleteEvent) => event.ts + event.dur;
 * ```
 */
export interface ChromeTraceCompleteEvent extends ChromeTraceEventBase {
  /** Complete event. */
  readonly ph: "X";
  /** The category. */
  readonly cat: string;
  /** The duration, microseconds. */
  readonly dur: number;
  /** What the viewer shows for the selected slice (hook, plugin, kind, phase, error…). */
  readonly args: Readonly<Record<string, unknown>>;
}

/**
 * The beginning or end of a nestable async event: an asynchronous call, step or stage step.
 *
 * @example
 * ```ts
 * import type { ChromeTraceAsyncEvent } from "hooksmith";
 *
 * const track = (event: ChromeTraceAsyncEvent) => `${event.cat}/${event.id2.local}`;
 * ```
 */
export interface ChromeTraceAsyncEvent extends ChromeTraceEventBase {
  /** Begin (`b`) or end (`e`). */
  readonly ph: "b" | "e";
  /** The category; events of one category and id form one tree. */
  readonly cat: string;
  /** The process-local id of the track. */
  readonly id2: {
    /** The id, e.g. `"0x1"`. */
    readonly local: string;
  };
  /** What the viewer shows (on begin events). */
  readonly args?: Readonly<Record<string, unknown>>;
}

/**
 * A metadata event naming the process or the thread.
 *
 * @example
 * ```ts
 * import type { ChromeTraceMetadataEvent } from "hooksmith";
 *
 * const label = (event: ChromeTraceMetadataEvent) => event.args.name;
 * ```
 */
export interface ChromeTraceMetadataEvent extends ChromeTraceEventBase {
  /** Metadata event. */
  readonly ph: "M";
  /** `process_name` or `thread_name`. */
  readonly name: "process_name" | "thread_name";
  /** The name given. */
  readonly args: {
    /** The process's or thread's name. */
    readonly name: string;
  };
}

/**
 * One event of a {@link ChromeTrace}.
 *
 * @example
 * ```ts
 * import type { ChromeTraceEvent } from "hooksmith";
 *
 * const slices = (events: readonly ChromeTraceEvent[]) => events.filter((event) => event.ph === "X" || event.ph === "b");
 * ```
 */
export type ChromeTraceEvent = ChromeTraceCompleteEvent | ChromeTraceAsyncEvent | ChromeTraceMetadataEvent;

/**
 * A profile as Chrome Trace Event JSON (the JSON object format): write
 * `JSON.stringify(trace)` to a file and open it in Perfetto (ui.perfetto.dev) or chrome://tracing.
 *
 * @example
 * ```ts
 * import type { ChromeTrace } from "hooksmith";
 *
 * const count = (trace: ChromeTrace) => trace.traceEvents.length;
 * ```
 */
export interface ChromeTrace {
  /** The events, sorted by timestamp (metadata first). */
  readonly traceEvents: readonly ChromeTraceEvent[];
  /** How viewers display times. */
  readonly displayTimeUnit: "ms";
  /** About the recording: what made it, how long it ran, how much it holds. */
  readonly otherData: Readonly<Record<string, string | number>>;
}

/**
 * Options of `HookProfile.toChromeTrace`.
 *
 * @example
 * ```ts
 * import type { ChromeTraceOptions } from "hooksmith";
 *
 * const options: ChromeTraceOptions = { processName: "my-host deploy" };
 * ```
 */
export interface ChromeTraceOptions {
  /** The process name viewers show; default `"hooksmith"`. */
  readonly processName?: string;
  /** The process id; default 1. */
  readonly pid?: number;
}

/** The category of every event: one category, so that async events of one track nest. */
const CATEGORY = "hooksmith";
const TID = 1;

interface Item {
  readonly record: CallRecord | StepRecord | StageRecord;
  readonly kind: "call" | "step" | "stage";
  readonly start: number;
  readonly end: number;
  /** What it was made from: a step's call, a nested call's step. */
  parent: Item | undefined;
  readonly children: Item[];
  /** For async items: the track and the item it nests in there. */
  track?: Track;
  trackChildren?: Item[];
}

interface Track {
  readonly id: number;
  readonly roots: Item[];
  readonly stack: Item[];
}

/**
 * Converts a recording to Chrome Trace Event JSON.
 *
 * @param profile - The recording.
 * @param options - Process name and id.
 * @returns The trace.
 */
export function toChromeTrace(profile: RecordedProfile, options: ChromeTraceOptions = {}): ChromeTrace {
  const pid = options.pid ?? 1;
  const origin = profile.start;
  const ns = (time: number): number => Math.max(0, Math.round((time - origin) * 1e6));

  // The tree: calls hold their steps, steps the calls made from them.
  const calls = new Map<number, Item>();
  const steps = new Map<number, Item>();
  const roots: Item[] = [];
  for (const call of profile.calls) {
    calls.set(call.id, { record: call, kind: "call", start: ns(call.start), end: ns(call.end), parent: undefined, children: [] });
  }
  for (const step of profile.steps) {
    const parent = calls.get(step.call);
    const item: Item = { record: step, kind: "step", start: ns(step.start), end: ns(step.end), parent, children: [] };
    steps.set(step.id, item);
    parent?.children.push(item);
  }
  for (const call of profile.calls) {
    const parent = call.parentStep === undefined ? undefined : steps.get(call.parentStep);
    const item = calls.get(call.id)!;
    item.parent = parent;
    (parent?.children ?? roots).push(item);
  }
  for (const stage of profile.stageSteps) {
    roots.push({ record: stage, kind: "stage", start: ns(stage.start), end: ns(stage.end), parent: undefined, children: [] });
  }
  roots.sort((a, b) => a.start - b.start);

  // Synchronous calls made from nothing asynchronous go on the thread, with everything
  // synchronous inside them; the rest is asynchronous.
  const thread: Item[] = [];
  const asynchronous: Item[] = [];
  const visit = (item: Item, onThread: boolean): void => {
    const here = onThread && (item.kind !== "call" || (item.record as CallRecord).mode === "sync");
    (here ? thread : asynchronous).push(item);
    for (const child of item.children) visit(child, here);
  };
  for (const root of roots) visit(root, root.kind === "call");

  const events: ChromeTraceEvent[] = [];
  for (const item of thread) {
    events.push({
      name: nameOf(item),
      cat: CATEGORY,
      ph: "X",
      ts: item.start / 1000,
      dur: (item.end - item.start) / 1000,
      pid,
      tid: TID,
      args: argsOf(item),
    });
  }

  // Stage steps get tracks of their own, so that a track holds hook calls or stage steps.
  const hookTracks = placeOnTracks(
    asynchronous.filter((item) => item.kind !== "stage"),
    1,
  );
  const tracks = [
    ...hookTracks,
    ...placeOnTracks(
      asynchronous.filter((item) => item.kind === "stage"),
      hookTracks.length + 1,
    ),
  ];
  for (const track of tracks) {
    const id2 = { local: `0x${track.id.toString(16)}` };
    const emit = (item: Item): void => {
      const name = nameOf(item);
      events.push({ name, cat: CATEGORY, ph: "b", ts: item.start / 1000, pid, tid: TID, id2, args: argsOf(item) });
      for (const child of item.trackChildren ?? []) emit(child);
      events.push({ name, cat: CATEGORY, ph: "e", ts: item.end / 1000, pid, tid: TID, id2 });
    };
    for (const root of track.roots) emit(root);
  }

  // Stable: events of one timestamp keep the nesting order they were emitted in.
  events.sort((a, b) => a.ts - b.ts);
  const metadata: ChromeTraceMetadataEvent[] = [
    { name: "process_name", ph: "M", ts: 0, pid, tid: TID, args: { name: options.processName ?? "hooksmith" } },
    { name: "thread_name", ph: "M", ts: 0, pid, tid: TID, args: { name: "hook calls" } },
  ];
  return {
    traceEvents: [...metadata, ...events],
    displayTimeUnit: "ms",
    otherData: {
      source: "hooksmith profileHooks",
      durationMs: profile.end - profile.start,
      hookCalls: profile.calls.length,
      implementationSteps: profile.steps.length,
      stageSteps: profile.stageSteps.length,
      droppedHookCalls: profile.droppedCalls,
      droppedStageSteps: profile.droppedStageSteps,
    },
  };
}

// Puts each asynchronous item on a track: the track of the item it was made from when it nests
// there (inside its parent, or an ancestor, in time), else the first free track, else a new one.
// Tracks are numbered from `firstId`.
function placeOnTracks(items: readonly Item[], firstId: number): Track[] {
  const tracks: Track[] = [];
  // Stable sort: a parent starting with its child comes first (items are in tree order).
  const ordered = [...items].sort((a, b) => a.start - b.start);
  for (const item of ordered) {
    const preferred = item.parent?.track;
    if (preferred !== undefined && place(preferred, item, true)) continue;
    if (tracks.some((track) => track !== preferred && place(track, item, false))) continue;
    const track: Track = { id: firstId + tracks.length, roots: [], stack: [] };
    tracks.push(track);
    place(track, item, false);
  }
  return tracks;
}

function place(track: Track, item: Item, nest: boolean): boolean {
  const stack = track.stack;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.end > item.start) break;
    // A child of no duration at its ancestor's very end still nests in it.
    if (top.end === item.start && item.end <= top.end && isAncestor(top, item)) break;
    stack.pop();
  }
  const top = stack[stack.length - 1];
  if (top !== undefined && !(nest && item.end <= top.end && isAncestor(top, item))) return false;
  item.track = track;
  if (top === undefined) track.roots.push(item);
  else (top.trackChildren ??= []).push(item);
  stack.push(item);
  return true;
}

function isAncestor(ancestor: Item, item: Item): boolean {
  for (let current = item.parent; current !== undefined; current = current.parent) if (current === ancestor) return true;
  return false;
}

function nameOf(item: Item): string {
  switch (item.kind) {
    case "call":
      return (item.record as CallRecord).hookName;
    case "step": {
      const step = item.record as StepRecord;
      return step.phase === "call" ? step.pluginName : `${step.pluginName} (${step.phase})`;
    }
    case "stage": {
      const stage = item.record as StageRecord;
      return `${stage.stage} ${stage.phase}`;
    }
  }
}

function argsOf(item: Item): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  switch (item.kind) {
    case "call": {
      const call = item.record as CallRecord;
      Object.assign(args, { hook: call.hookName, kind: call.kind, mode: call.mode });
      break;
    }
    case "step": {
      const step = item.record as StepRecord;
      const call = item.parent?.record as CallRecord | undefined;
      Object.assign(args, {
        hook: step.hookName,
        plugin: step.pluginName,
        kind: step.wrapper ? "wrapper" : (call?.kind ?? "plain"),
        phase: step.phase,
        async: step.async,
      });
      break;
    }
    case "stage": {
      const stage = item.record as StageRecord;
      Object.assign(args, { flow: stage.flow, stage: stage.stage, phase: stage.phase, index: stage.index });
      break;
    }
  }
  if (item.record.failed) args["error"] = item.record.error;
  if (item.record.unfinished) args["unfinished"] = true;
  return args;
}
