// The public type vocabulary of the stage machinery.
import type { NebariStage } from "./nebari-stage.ts";
import type { StandardSchemaV1 } from "./standard-schema.ts";

/**
 * The object shared by every stage of one deploy or destroy run, keyed by stage name.
 *
 * A stage writes its results under its own name (`stageOutputs[this.name] = …`); later stages
 * read them. It is an interface so that a project can describe its stages' outputs by
 * declaration merging. `hooksmith` and `hooksmith/nebari` export this one interface: augment the
 * entry point the file imports it from (TypeScript merges only into a module the program loads,
 * and a program that imports only `hooksmith/nebari` does not load `hooksmith`).
 *
 * @example
 * ```ts
 * import type { StageOutputs } from "hooksmith/nebari";
 *
 * declare module "hooksmith/nebari" {
 *   interface StageOutputs {
 *     hello_world?: { hello: string };
 *   }
 * }
 *
 * function greeting(outputs: StageOutputs): string | undefined {
 *   return outputs.hello_world?.hello;
 * }
 * ```
 */
export interface StageOutputs {
  /** The outputs of the stage of that name. */
  [stageName: string]: unknown;
}

/**
 * What `destroyStages` knows about each stage: `true` destroyed, `false` failed, keyed by stage
 * name (the same key as {@link StageOutputs}).
 *
 * @example
 * ```ts
 * import type { StageStatus } from "hooksmith";
 *
 * const status: StageStatus = { "01-state": true, "02-infrastructure": false };
 * ```
 */
export type StageStatus = Record<string, boolean>;

/**
 * What a stage's `render()` returns: relative path (with `/` separators) to file contents.
 *
 * @example
 * ```ts
 * import type { RenderFiles } from "hooksmith";
 *
 * const files: RenderFiles = {
 *   "hello_world.txt": "File that says hello world",
 *   "bin/logo.png": new Uint8Array([0x89, 0x50]),
 * };
 * ```
 */
export type RenderFiles = Readonly<Record<string, string | Uint8Array>>;

/**
 * The argument of every stage constructor: `new Stage({ outputDirectory, config })`.
 *
 * @example
 * ```ts
 * import { NebariStage, type StageInit } from "hooksmith";
 *
 * class Example extends NebariStage {
 *   static stageName = "example";
 *   static priority = 10;
 * }
 * const init: StageInit = { outputDirectory: "./out", config: {} };
 * const stage = new Example(init);
 * ```
 */
export interface StageInit<Config = unknown> {
  /** The directory the host renders into and runs from. */
  readonly outputDirectory: string;
  /** The (validated) configuration of this run. */
  readonly config: Config;
}

/**
 * The second argument of `deploy` and `check`.
 *
 * @example
 * ```ts
 * import { NebariStage, type StageOutputs, type StageRunOptions } from "hooksmith";
 *
 * class Example extends NebariStage {
 *   static stageName = "example";
 *   static priority = 10;
 *   async deploy(stageOutputs: StageOutputs, { disablePrompt, signal }: StageRunOptions) {
 *     signal.throwIfAborted();
 *     if (!disablePrompt) console.log("deploying example");
 *   }
 * }
 * ```
 */
export interface StageRunOptions {
  /** `true` when the host asked to run without interactive prompts. */
  readonly disablePrompt: boolean;
  /** Aborted when the host asks the run to stop; a stage may use it to stop long work early. */
  readonly signal: AbortSignal;
}

/**
 * What `deploy` and `destroy` may return.
 *
 * - a generator or async generator (the method is a generator function): code before `yield`
 *   is the setup, code after it the teardown, as with Python's `contextlib.contextmanager`;
 * - nothing, or a promise of nothing (a plain or async method): setup only, no teardown.
 *
 * @example
 * ```ts
 * import { NebariStage, type StageLifecycle, type StageOutputs } from "hooksmith";
 *
 * class Example extends NebariStage {
 *   static stageName = "example";
 *   static priority = 10;
 *   deploy(stageOutputs: StageOutputs): StageLifecycle {
 *     stageOutputs[this.name] = { ready: true };
 *   }
 * }
 * ```
 */
export type StageLifecycle =
  void | PromiseLike<void> | Generator<unknown, unknown, unknown> | AsyncGenerator<unknown, unknown, unknown>;

/**
 * What `check` may return: `false` (or a promise of it) fails the stage, anything else passes.
 *
 * @example
 * ```ts
 * import type { StageCheckResult } from "hooksmith";
 *
 * const passed: StageCheckResult = true;
 * ```
 */
export type StageCheckResult = boolean | void | PromiseLike<boolean | void>;

/**
 * A stage class, as `resolveStages` and the flows take it: a constructor of a
 * {@link NebariStage} with its static identity and options.
 *
 * Any class extending `NebariStage` with `static stageName` and `static priority` fits.
 *
 * @example
 * ```ts
 * import { NebariStage, type StageClass } from "hooksmith";
 *
 * class Example extends NebariStage {
 *   static stageName = "example";
 *   static priority = 10;
 * }
 * const stages: StageClass[] = [Example];
 * ```
 */
export interface StageClass {
  /**
   * Constructs the stage for one run. (`config` is typed `never` here so that stages of any
   * config type, `extends NebariStage<MyConfig>`, fit one list; flows pass the run's config.)
   */
  new (init: StageInit<never>): NebariStage<unknown>;
  /** The unique name of the stage; also the key of overriding and of `stageOutputs`. */
  readonly stageName: string;
  /** The sort key, ascending; a finite number. */
  readonly priority: number;
  /** Validates this stage's part of the config (see `configKey`). */
  readonly inputSchema?: StandardSchemaV1 | undefined;
  /** Validates what the stage put under its name in `stageOutputs` after its deploy. */
  readonly outputSchema?: StandardSchemaV1 | undefined;
  /** The top-level config key this stage owns; its `inputSchema` then validates that section. */
  readonly configKey?: string | undefined;
  /** Top-level keys owned by a stage whose `inputSchema` validates the whole config. */
  readonly configKeys?: readonly string[] | undefined;
  /** Names of stages this stage must run after, when they run. */
  readonly after?: readonly string[] | undefined;
  /** Names of stages this stage must run before, when they run. */
  readonly before?: readonly string[] | undefined;
}

/**
 * The step of a stage a failure or a progress event belongs to.
 *
 * - `deploy`: the deploy setup (up to `yield`), including the `outputSchema` check;
 * - `check`: the stage's `check`;
 * - `teardown`: the deploy code after `yield`, run when the deploy unwinds;
 * - `prepare`: the destroy code before `yield` (also the constructor), ascending;
 * - `destroy`: the destroy code after `yield` (or a plain destroy method), descending;
 * - `render`: the stage's `render`;
 * - `write`: writing the files a stage rendered;
 * - `progress`: the host's `onProgress` callback threw while reporting on the stage.
 *
 * @example
 * ```ts
 * import type { StagePhase } from "hooksmith";
 *
 * const phase: StagePhase = "teardown";
 * ```
 */
export type StagePhase = "deploy" | "check" | "teardown" | "prepare" | "destroy" | "render" | "write" | "progress";

/**
 * Which flow a progress event comes from.
 *
 * @example
 * ```ts
 * import type { StageFlow } from "hooksmith";
 *
 * const flow: StageFlow = "deploy";
 * ```
 */
export type StageFlow = "deploy" | "destroy" | "render";

/**
 * Fields every progress event has.
 *
 * @example
 * ```ts
 * import type { StageProgressEventBase } from "hooksmith";
 *
 * const where = (event: StageProgressEventBase) => `${event.flow} ${event.stage} (${event.index + 1}/${event.total})`;
 * ```
 */
export interface StageProgressEventBase {
  /** The flow reporting. */
  readonly flow: StageFlow;
  /** The step of the stage. */
  readonly phase: StagePhase;
  /** The stage's name. */
  readonly stage: string;
  /** The stage's position in the run order, from 0. */
  readonly index: number;
  /** How many stages the run has. */
  readonly total: number;
}

/**
 * A step of a stage started.
 *
 * @example
 * ```ts
 * import type { StageStartEvent } from "hooksmith";
 *
 * const log = (event: StageStartEvent) => console.log(`${event.stage}: ${event.phase}…`);
 * ```
 */
export interface StageStartEvent extends StageProgressEventBase {
  /** Discriminant. */
  readonly type: "start";
}

/**
 * A step of a stage finished.
 *
 * @example
 * ```ts
 * import type { StageFinishEvent } from "hooksmith";
 *
 * const log = (event: StageFinishEvent) => console.log(`${event.stage}: ${event.durationMs.toFixed(0)} ms`);
 * ```
 */
export interface StageFinishEvent extends StageProgressEventBase {
  /** Discriminant. */
  readonly type: "finish";
  /** How long the step took, in milliseconds. */
  readonly durationMs: number;
}

/**
 * A step of a stage failed.
 *
 * @example
 * ```ts
 * import type { StageFailEvent } from "hooksmith";
 *
 * const log = (event: StageFailEvent) => console.error(`${event.stage} failed`, event.error);
 * ```
 */
export interface StageFailEvent extends StageProgressEventBase {
  /** Discriminant. */
  readonly type: "fail";
  /** How long the step ran before it failed, in milliseconds. */
  readonly durationMs: number;
  /** The error the step failed with (the stage's own error, not the `StageError`). */
  readonly error: unknown;
}

/**
 * What a flow reports to its `onProgress` callback.
 *
 * @example
 * ```ts
 * import type { StageProgressEvent } from "hooksmith";
 *
 * function onProgress(event: StageProgressEvent): void {
 *   if (event.type === "finish") console.log(`${event.stage} ${event.phase} in ${event.durationMs} ms`);
 * }
 * ```
 */
export type StageProgressEvent = StageStartEvent | StageFinishEvent | StageFailEvent;

/**
 * The result of `destroyStages`.
 *
 * @example
 * ```ts
 * import type { DestroyReport } from "hooksmith";
 *
 * const report: DestroyReport = { status: { a: true, b: false }, skipped: ["c"] };
 * ```
 */
export interface DestroyReport {
  /** Per stage name: `true` destroyed, `false` failed (to prepare or to destroy). */
  status: Record<string, boolean>;
  /** Stages never prepared because an earlier stage failed to prepare, in run order. */
  skipped: string[];
}

/**
 * The result of `renderStages`: paths relative to the output directory, `/`-separated, sorted.
 *
 * @example
 * ```ts
 * import type { RenderReport } from "hooksmith";
 *
 * const report: RenderReport = { new: ["a.txt"], updated: [], unchanged: ["b.txt"], untracked: ["notes.md"], kept: [] };
 * ```
 */
export interface RenderReport {
  /** Rendered files that did not exist. */
  new: string[];
  /** Rendered files whose contents changed. */
  updated: string[];
  /** Rendered files whose contents are the same as on disk. */
  unchanged: string[];
  /** Files on disk that no stage rendered (and that prune neither deleted nor kept). */
  untracked: string[];
  /** With `prune: true` only: files of an earlier render that no stage renders any more, deleted. */
  pruned?: string[];
  /**
   * Files prune left because they changed or were never rendered: listed in the manifest, no
   * longer rendered, but their content differs from what was rendered, the manifest has no
   * hash for them (version 1), or they are a link, not a regular file, or in an ignored
   * directory. Always empty without `prune`.
   */
  kept: string[];
}
