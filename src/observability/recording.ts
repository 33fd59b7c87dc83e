// What the profiler records: a compact copy of every observed hook call, implementation step and
// stage step, taken when it ends (so that the manager's own records, which hold arguments and
// results, are not kept alive), plus what was still running when the recording stopped.

import { messageOf } from "../core/describe.ts";
import type {
  HookObserver,
  ObservedCallKind,
  ObservedCallMode,
  ObservedHookCall,
  ObservedImplStep,
  ObservedStepPhase,
} from "../core/observe.ts";

/**
 * Fields every profiled interval has: when it ran and how it ended. Times are milliseconds from
 * `performance.now()`.
 *
 * @example
 * ```ts
 * import type { ProfiledInterval } from "hooksmith";
 *
 * const took = (interval: ProfiledInterval): number => interval.end - interval.start;
 * ```
 */
export interface ProfiledInterval {
  /** When it started (`performance.now()`, ms). */
  readonly start: number;
  /** When it ended; for one still running when the profiler stopped, the stop time. */
  readonly end: number;
  /** Whether it was still running when the profiler stopped. */
  readonly unfinished: boolean;
  /** Whether it threw or rejected. */
  readonly failed: boolean;
  /** The error it failed with, rendered as `Name: message`; `undefined` unless `failed`. */
  readonly error: string | undefined;
}

/**
 * One hook call in a profile.
 *
 * @example
 * ```ts
 * import type { ProfiledHookCall } from "hooksmith";
 *
 * const label = (call: ProfiledHookCall) => `${call.hookName} (${call.kind}, ${call.mode})`;
 * ```
 */
export interface ProfiledHookCall extends ProfiledInterval {
  /** The call's id (the manager's `ObservedHookCall.id`). */
  readonly id: number;
  /** The hook called. */
  readonly hookName: string;
  /** `plain`, `firstresult` or `historic`. */
  readonly kind: ObservedCallKind;
  /** `sync`, `async` (`callAsync`) or `parallel` (`callParallel`). */
  readonly mode: ObservedCallMode;
  /** The id of the recorded implementation step this call was made from, if any. */
  readonly parentStep: number | undefined;
}

/**
 * One step of an implementation in a profile: a plain implementation's call, or a wrapper's
 * setup (up to its `yield`) or teardown (after it).
 *
 * @example
 * ```ts
 * import type { ProfiledImplStep } from "hooksmith";
 *
 * const label = (step: ProfiledImplStep) => `${step.pluginName} ${step.phase} of ${step.hookName}`;
 * ```
 */
export interface ProfiledImplStep extends ProfiledInterval {
  /** The step's id (the manager's `ObservedImplStep.id`). */
  readonly id: number;
  /** The id of the call it belongs to. */
  readonly call: number;
  /** The hook of that call. */
  readonly hookName: string;
  /** The name its plugin is registered under (`"<temp>"` for `callExtra` functions). */
  readonly pluginName: string;
  /** `call`, `setup` or `teardown`. */
  readonly phase: ObservedStepPhase;
  /** Whether the implementation is a wrapper (`wrapper` or `hookwrapper`). */
  readonly wrapper: boolean;
  /** Whether the step returned a promise (its end is when that settled). */
  readonly async: boolean;
}

/**
 * One step of a stage flow in a profile, recorded from the flow's `onProgress` events.
 *
 * @example
 * ```ts
 * import type { ProfiledStageStep } from "hooksmith";
 *
 * const label = (step: ProfiledStageStep) => `${step.flow}: ${step.stage} ${step.phase}`;
 * ```
 */
export interface ProfiledStageStep extends ProfiledInterval {
  /** A number unique among the stage steps of this profile. */
  readonly id: number;
  /** The flow: `deploy`, `destroy` or `render`. */
  readonly flow: string;
  /** The stage's name. */
  readonly stage: string;
  /** The step of the stage (`deploy`, `check`, `teardown`, `render`, `write`, …). */
  readonly phase: string;
  /** The stage's position in the run order, from 0. */
  readonly index: number;
}

/**
 * What the profiler reads from a stage flow's progress event: a `StageProgressEvent` of
 * `deployStages`, `destroyStages` or `renderStages` fits.
 *
 * @example
 * ```ts
 * import type { StageProgressLike } from "hooksmith";
 *
 * const event: StageProgressLike = { type: "start", flow: "deploy", stage: "network", phase: "deploy", index: 0 };
 * ```
 */
export interface StageProgressLike {
  /** `start`, `finish` or `fail`. */
  readonly type: "start" | "finish" | "fail";
  /** The flow reporting. */
  readonly flow: string;
  /** The stage's name. */
  readonly stage: string;
  /** The step of the stage. */
  readonly phase: string;
  /** The stage's position in the run order, from 0. */
  readonly index: number;
  /** How long the step took (finish and fail events), in milliseconds. */
  readonly durationMs?: number;
  /** The error of a fail event. */
  readonly error?: unknown;
}

/** The mutable form of an interval while it is recorded. */
class Interval implements ProfiledInterval {
  start: number;
  end: number = 0;
  unfinished: boolean = false;
  failed: boolean = false;
  error: string | undefined = undefined;
  /** The error value itself, to tell an error raised by a step from one passing through it. */
  errorValue: unknown = undefined;

  constructor(start: number) {
    this.start = start;
  }

  fail(error: unknown): void {
    this.failed = true;
    this.errorValue = error;
    this.error = renderError(error);
  }
}

/** A recorded hook call. */
export class CallRecord extends Interval implements ProfiledHookCall {
  readonly id: number;
  readonly hookName: string;
  readonly kind: ObservedCallKind;
  readonly mode: ObservedCallMode;
  readonly parentStep: number | undefined;

  constructor(call: ObservedHookCall) {
    super(call.start);
    this.id = call.id;
    this.hookName = call.hookName;
    this.kind = call.kind;
    this.mode = call.mode;
    this.parentStep = call.parent?.id;
  }
}

/** A recorded implementation step. */
export class StepRecord extends Interval implements ProfiledImplStep {
  readonly id: number;
  readonly call: number;
  readonly hookName: string;
  readonly pluginName: string;
  readonly phase: ObservedStepPhase;
  readonly wrapper: boolean;
  async: boolean;

  constructor(step: ObservedImplStep) {
    super(step.start);
    this.id = step.id;
    this.call = step.call.id;
    this.hookName = step.call.hookName;
    this.pluginName = step.pluginName;
    this.phase = step.phase;
    this.wrapper = step.phase !== "call";
    this.async = step.async;
  }
}

/** A recorded stage step. */
export class StageRecord extends Interval implements ProfiledStageStep {
  readonly id: number;
  readonly flow: string;
  readonly stage: string;
  readonly phase: string;
  readonly index: number;

  constructor(id: number, event: StageProgressLike, start: number) {
    super(start);
    this.id = id;
    this.flow = String(event.flow);
    this.stage = String(event.stage);
    this.phase = String(event.phase);
    this.index = typeof event.index === "number" ? event.index : -1;
  }
}

/** What a finished recording holds, in start order. */
export interface RecordedProfile {
  readonly start: number;
  readonly end: number;
  readonly calls: readonly CallRecord[];
  readonly steps: readonly StepRecord[];
  readonly stageSteps: readonly StageRecord[];
  /** Hook calls left out because the recording was full (with their steps). */
  readonly droppedCalls: number;
  /** Stage steps left out because the recording was full. */
  readonly droppedStageSteps: number;
}

/** Options of a {@link Recording}. */
export interface RecordingOptions {
  /** Record only the calls of these hooks. */
  readonly hooks: ReadonlySet<string> | undefined;
  /** At most this many calls, steps and stage steps together. */
  readonly maxEvents: number;
}

/**
 * Records observed calls and steps and stage progress until stopped. The observer methods are
 * arrow functions bound to the recording, as the manager calls them as methods of the observer.
 */
export class Recording {
  readonly start: number = performance.now();
  readonly #calls: CallRecord[] = [];
  readonly #steps: StepRecord[] = [];
  readonly #stageSteps: StageRecord[] = [];
  // Calls and steps that started and have not ended, by the manager's record of them.
  readonly #openCalls = new Map<ObservedHookCall, CallRecord>();
  readonly #openSteps = new Map<ObservedImplStep, StepRecord>();
  readonly #openStages = new Map<string, StageRecord[]>();
  readonly #hooks: ReadonlySet<string> | undefined;
  readonly #maxEvents: number;
  #events = 0;
  #droppedCalls = 0;
  #droppedStageSteps = 0;
  #stopped: RecordedProfile | undefined;

  constructor(options: RecordingOptions) {
    this.#hooks = options.hooks;
    this.#maxEvents = options.maxEvents;
  }

  /** The observer to add to the manager. */
  readonly observer: HookObserver = {
    callStart: (call) => {
      if (this.#hooks !== undefined && !this.#hooks.has(call.hookName)) return;
      if (this.#events >= this.#maxEvents) {
        this.#droppedCalls++;
        return;
      }
      this.#events++;
      const record = new CallRecord(call);
      this.#calls.push(record);
      this.#openCalls.set(call, record);
    },
    callEnd: (call) => {
      const record = this.#openCalls.get(call);
      if (record === undefined) return;
      this.#openCalls.delete(call);
      record.end = call.end ?? performance.now();
      if (call.failed) record.fail(call.error);
    },
    stepStart: (step) => {
      if (!this.#openCalls.has(step.call)) return;
      // A step of a recorded call is kept even past maxEvents, so that no call is left without
      // the steps it ran; the limit then stops new calls.
      this.#events++;
      const record = new StepRecord(step);
      this.#steps.push(record);
      this.#openSteps.set(step, record);
    },
    stepEnd: (step) => {
      const record = this.#openSteps.get(step);
      if (record === undefined) return;
      this.#openSteps.delete(step);
      record.end = step.end ?? performance.now();
      record.async = step.async;
      if (step.failed) record.fail(step.error);
    },
  };

  /**
   * Records a stage flow's progress event: a step opens on `start` and closes on `finish` or
   * `fail` (the same flow, stage, phase and index).
   */
  stageProgress(event: StageProgressLike): void {
    if (this.#stopped !== undefined || typeof event !== "object" || event === null) return;
    const now = performance.now();
    const key = `${String(event.flow)}\0${String(event.stage)}\0${String(event.phase)}\0${String(event.index)}`;
    if (event.type === "start") {
      if (this.#events >= this.#maxEvents) {
        this.#droppedStageSteps++;
        return;
      }
      this.#events++;
      const record = new StageRecord(this.#stageSteps.length + 1, event, now);
      this.#stageSteps.push(record);
      const open = this.#openStages.get(key);
      if (open === undefined) this.#openStages.set(key, [record]);
      else open.push(record);
      return;
    }
    if (event.type !== "finish" && event.type !== "fail") return;
    let record = this.#openStages.get(key)?.pop();
    if (record === undefined) {
      // The step started before the profiler did: its start is known from its duration.
      if (this.#events >= this.#maxEvents) {
        this.#droppedStageSteps++;
        return;
      }
      this.#events++;
      const duration = typeof event.durationMs === "number" && event.durationMs >= 0 ? event.durationMs : 0;
      record = new StageRecord(this.#stageSteps.length + 1, event, Math.max(this.start, now - duration));
      this.#stageSteps.push(record);
    }
    record.end = now;
    if (event.type === "fail") record.fail(event.error);
  }

  /** Whether {@link stop} was called. */
  get stopped(): boolean {
    return this.#stopped !== undefined;
  }

  /** Ends the recording (once): what is still open ends now, marked unfinished. */
  stop(): RecordedProfile {
    if (this.#stopped !== undefined) return this.#stopped;
    const end = performance.now();
    for (const record of this.#openCalls.values()) closeUnfinished(record, end);
    for (const record of this.#openSteps.values()) closeUnfinished(record, end);
    for (const records of this.#openStages.values()) for (const record of records) closeUnfinished(record, end);
    this.#openCalls.clear();
    this.#openSteps.clear();
    this.#openStages.clear();
    this.#stopped = {
      start: this.start,
      end,
      calls: this.#calls,
      steps: this.#steps,
      stageSteps: this.#stageSteps,
      droppedCalls: this.#droppedCalls,
      droppedStageSteps: this.#droppedStageSteps,
    };
    return this.#stopped;
  }
}

function closeUnfinished(record: Interval, end: number): void {
  record.end = end;
  record.unfinished = true;
}

/**
 * Renders an error for a profile: `Name: message` for errors, the message or value otherwise.
 *
 * @param error - What was thrown.
 * @returns One line.
 */
export function renderError(error: unknown): string {
  try {
    const message = messageOf(error);
    const name = error instanceof Error ? error.name : undefined;
    const text = name !== undefined && name !== "" ? `${name}: ${message}` : message;
    const line = text.split("\n", 1)[0] ?? "";
    return line.length > 300 ? `${line.slice(0, 299)}…` : line;
  } catch {
    return "an error that cannot be rendered";
  }
}
