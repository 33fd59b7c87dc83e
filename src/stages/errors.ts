import type { DestroyReport, StagePhase, StageFlow, StageClass } from "./stage-types.ts";
import type { StageLockHolder } from "./lock.ts";
import { describeClass, describeStage, type StageOrigin } from "./describe.ts";
import { messageOf, describeName, describeValue } from "../core/describe.ts";
import { HooksmithError } from "../core/errors.ts";
import { formatPath } from "./standard-schema.ts";

/** What a {@link StageError} is built from. */
export interface StageErrorOptions {
  /** The name of the stage that failed. */
  stage: string;
  /** The step of the stage that failed. */
  phase: StagePhase;
  /** The original error. */
  cause: unknown;
  /** For `destroyStages`: the report of the whole run. */
  report?: DestroyReport;
  /** The other failures of the same run (kept by reference: a flow appends while it unwinds). */
  otherErrors?: StageError[];
}

const verbs: Record<StagePhase, string> = {
  deploy: "failed to deploy",
  check: "failed its check",
  teardown: "failed to tear down its deploy",
  prepare: "failed to prepare its destroy",
  destroy: "failed to destroy",
  render: "failed to render",
  write: "failed to write its rendered files",
  progress: "could not be reported: the onProgress callback threw",
};

/**
 * A stage failed during a flow: `deployStages`, `destroyStages` or `renderStages` rejects with
 * it.
 *
 * `stage` is the failing stage's name, `phase` the step that failed, `cause` the original error,
 * unwrapped. No failure of a run is lost: the first one becomes this error and the others
 * (teardowns that failed with a new error while a failed deploy unwound, other stages that
 * failed to destroy, a throwing progress callback) are in `otherErrors`, in the order they
 * happened. `destroyStages` also attaches its `report`.
 *
 * @example
 * ```ts
 * import { deployStages, StageError } from "hooksmith";
 *
 * try {
 *   await deployStages(stages, { config, outputDirectory: "." });
 * } catch (error) {
 *   if (error instanceof StageError) {
 *     console.error(`stage ${error.stage} failed (${error.phase}):`, error.cause);
 *     for (const other of error.otherErrors) console.error(`also: ${other.message}`);
 *   }
 * }
 * ```
 */
export class StageError extends HooksmithError<"HOOKSMITH_STAGE_FAILED"> {
  /** The error class name, `"StageError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageError";
  /** The name of the stage that failed. */
  readonly stage: string;
  /** The step of the stage that failed. */
  readonly phase: StagePhase;
  /** For `destroyStages`: which stages were destroyed, failed, or skipped. */
  readonly report?: DestroyReport;
  /** The other failures of the same run, in the order they happened; empty when none. */
  readonly otherErrors: readonly StageError[];

  /**
   * @param options - The stage, phase, original error, and optionally the destroy report and
   *   the other failures of the run.
   */
  constructor(options: StageErrorOptions) {
    super(`Stage ${JSON.stringify(options.stage)} ${verbs[options.phase]}: ${messageOf(options.cause)}`, {
      code: "HOOKSMITH_STAGE_FAILED",
      cause: options.cause,
    });
    this.stage = options.stage;
    this.phase = options.phase;
    if (options.report !== undefined) this.report = options.report;
    this.otherErrors = options.otherErrors ?? [];
  }
}

/** What a {@link StageAbortError} is built from. */
export interface StageAbortErrorOptions {
  /** The flow that stopped. */
  flow: StageFlow;
  /** The stage that would have run next. */
  stage: string;
  /** The stages that had run before the abort. */
  completed: string[];
  /** `signal.reason`. */
  reason: unknown;
  /** Teardown failures while the run unwound (kept by reference). */
  otherErrors?: StageError[];
}

/**
 * A flow stopped because its `AbortSignal` was aborted. The signal is checked between stages:
 * the stage running at that moment finishes, no further stage starts, and (for a deploy) every
 * entered stage is unwound once, with this error thrown in at its `yield`.
 *
 * `cause` is `signal.reason`; `otherErrors` keeps teardowns that failed while unwinding.
 *
 * @example
 * ```ts
 * import { deployStages, StageAbortError } from "hooksmith";
 *
 * const controller = new AbortController();
 * process.once("SIGINT", () => controller.abort());
 * try {
 *   await deployStages(stages, { config, outputDirectory: ".", signal: controller.signal });
 * } catch (error) {
 *   if (error instanceof StageAbortError) console.error(`stopped before ${error.stage}`);
 * }
 * ```
 */
export class StageAbortError extends HooksmithError<"HOOKSMITH_STAGE_ABORTED"> {
  /** The error class name, `"StageAbortError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageAbortError";
  /** The flow that stopped. */
  readonly flow: StageFlow;
  /** The stage that would have run next (it did not start). */
  readonly stage: string;
  /** The stages that had run before the abort, in run order. */
  readonly completed: readonly string[];
  /** Teardowns that failed while the aborted run unwound; empty when none. */
  readonly otherErrors: readonly StageError[];

  /**
   * @param options - The flow, the next stage, the completed stages and the abort reason.
   */
  constructor(options: StageAbortErrorOptions) {
    const flow = options.flow.charAt(0).toUpperCase() + options.flow.slice(1);
    super(`${flow} aborted before stage ${JSON.stringify(options.stage)}: ${messageOf(options.reason)}`, {
      code: "HOOKSMITH_STAGE_ABORTED",
      cause: options.reason,
    });
    this.flow = options.flow;
    this.stage = options.stage;
    this.completed = options.completed;
    this.otherErrors = options.otherErrors ?? [];
  }
}

/**
 * A stage's `check` returned `false`. It is the `cause` of the {@link StageError} the deploy
 * rejects with (a check that throws has its own error as the cause instead).
 *
 * @example
 * ```ts
 * import { deployStages, StageCheckError, StageError } from "hooksmith";
 *
 * try {
 *   await deployStages(stages, { config, outputDirectory: "." });
 * } catch (error) {
 *   if (error instanceof StageError && error.cause instanceof StageCheckError) console.error(`${error.stage} is not healthy`);
 * }
 * ```
 */
export class StageCheckError extends HooksmithError<"HOOKSMITH_STAGE_CHECK_FAILED"> {
  /** The error class name, `"StageCheckError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageCheckError";
  /** The stage whose check failed. */
  readonly stage: string;

  /**
   * @param stage - The stage whose check returned `false`.
   */
  constructor(stage: string) {
    super(`Check of stage ${JSON.stringify(stage)} returned false`, { code: "HOOKSMITH_STAGE_CHECK_FAILED" });
    this.stage = stage;
  }
}

/**
 * Two active stages validate the same top-level config key with different schemas (or the same
 * schema in different ways), so it is unclear which one defines it. Stages sharing one schema
 * object for the same keys, or declaring a key without an `inputSchema` to read it, are fine.
 *
 * @example
 * ```ts
 * import { StageConfigConflictError, validateStageConfig } from "hooksmith";
 *
 * try {
 *   await validateStageConfig(stages, config);
 * } catch (error) {
 *   if (error instanceof StageConfigConflictError) console.error(error.key, error.stages);
 * }
 * ```
 */
export class StageConfigConflictError extends HooksmithError<"HOOKSMITH_CONFIG_KEY_CONFLICT"> {
  /** The error class name, `"StageConfigConflictError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageConfigConflictError";
  /** The top-level key both stages validate. */
  readonly key: string;
  /** The two stages, in stage order. */
  readonly stages: readonly [string, string];

  /**
   * @param key - The contested top-level key.
   * @param stages - The two stages claiming it.
   */
  constructor(key: string, stages: readonly [string, string]) {
    super(
      `Config conflict: stages ${JSON.stringify(stages[0])} and ${JSON.stringify(stages[1])} both validate the ` +
        `top-level key ${JSON.stringify(key)}; let one own it and have the other declare it without an ` +
        `inputSchema, or share one schema object`,
      { code: "HOOKSMITH_CONFIG_KEY_CONFLICT" },
    );
    this.key = key;
    this.stages = stages;
  }
}

/**
 * One problem found by `validateStageConfig`.
 *
 * @example
 * ```ts
 * import type { StageConfigIssue } from "hooksmith";
 *
 * const issue: StageConfigIssue = { stage: "mlflow", path: ["mlflow", "enabled"], message: "Expected boolean" };
 * ```
 */
export interface StageConfigIssue {
  /** The stage whose `inputSchema` reported it; `undefined` for a key no stage owns. */
  readonly stage: string | undefined;
  /** Where in the config, from the top-level key down; empty for the config itself. */
  readonly path: readonly PropertyKey[];
  /** What is wrong. */
  readonly message: string;
}

/**
 * Formats one config issue as a line of text.
 *
 * @param issue - The issue.
 * @returns E.g. `stage "mlflow" at mlflow.enabled: Expected boolean`.
 */
function formatIssue(issue: StageConfigIssue): string {
  const where = `at ${formatPath(issue.path)}`;
  return issue.stage === undefined
    ? `${where}: ${issue.message}`
    : `stage ${JSON.stringify(issue.stage)} ${where}: ${issue.message}`;
}

/**
 * A config did not pass `validateStageConfig`: the `inputSchema` of one or more active stages
 * reported issues, or (with the `"error"` policy) a top-level key is owned by no active stage.
 *
 * Every issue names its stage and its path in the config; the message lists them all.
 *
 * @example
 * ```ts
 * import { StageConfigError, validateStageConfig } from "hooksmith";
 *
 * try {
 *   await validateStageConfig(stages, config);
 * } catch (error) {
 *   if (error instanceof StageConfigError) for (const issue of error.issues) console.error(issue.stage, issue.path, issue.message);
 * }
 * ```
 */
export class StageConfigError extends HooksmithError<"HOOKSMITH_INVALID_CONFIG"> {
  /** The error class name, `"StageConfigError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageConfigError";
  /** Every issue found, in stage order, then unowned keys. */
  readonly issues: readonly StageConfigIssue[];

  /**
   * @param issues - The issues found (at least one).
   * @param cause - What a schema threw (an `AggregateError` when several did), if one did.
   */
  constructor(issues: readonly StageConfigIssue[], cause?: unknown) {
    const count = issues.length === 1 ? "1 issue" : `${issues.length} issues`;
    super(`Invalid config (${count}):\n${issues.map((issue) => `  - ${formatIssue(issue)}`).join("\n")}`, {
      code: "HOOKSMITH_INVALID_CONFIG",
      cause,
    });
    this.issues = issues;
  }
}

/** One of the two stages of a {@link StageConflictError}. */
export interface ConflictingStage {
  /** The stage class. */
  readonly stage: StageClass;
  /** Its position in the candidate list. */
  readonly index: number;
  /** The plugin (or other source) that contributed it, when known. */
  readonly source?: string;
}

/**
 * Two different stage classes claim the same name at the same priority, so neither can
 * override the other: `resolveStages` and `planStages` throw it instead of picking one by
 * accident.
 *
 * Fix it by giving the stage that should win a higher priority, or by removing one.
 *
 * @example
 * ```ts
 * import { resolveStages, StageConflictError } from "hooksmith";
 *
 * try {
 *   resolveStages([InfraA, InfraB]);
 * } catch (error) {
 *   if (error instanceof StageConflictError) console.error(error.stageName, error.first.source, error.second.source);
 * }
 * ```
 */
export class StageConflictError extends HooksmithError<"HOOKSMITH_STAGE_CONFLICT"> {
  /** The error class name, `"StageConflictError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageConflictError";
  /** The name both stages claim. */
  readonly stageName: string;
  /** The priority both stages have. */
  readonly priority: number;
  /** The candidate that comes first in the input. */
  readonly first: ConflictingStage;
  /** The candidate that comes later in the input. */
  readonly second: ConflictingStage;

  /**
   * @param first - The earlier candidate.
   * @param second - The later candidate.
   */
  constructor(first: ConflictingStage, second: ConflictingStage) {
    const { stageName, priority } = first.stage;
    super(
      `Stage conflict: two stages named ${JSON.stringify(stageName)} have priority ${priority}: ` +
        `${describeClass(first.stage, first)} and ${describeClass(second.stage, second)}; ` +
        `give the one that should win a higher priority, or remove one`,
      { code: "HOOKSMITH_STAGE_CONFLICT" },
    );
    this.stageName = stageName;
    this.priority = priority;
    this.first = first;
    this.second = second;
  }
}

/**
 * A stage broke the contract of one of its methods: a `deploy` or `destroy` generator yielded
 * more than once, or `render` returned something other than an object of path to
 * `string | Uint8Array`. It is the `cause` of the {@link StageError} of that stage.
 *
 * @example
 * ```ts
 * import { deployStages, StageContractError, StageError } from "hooksmith";
 *
 * try {
 *   await deployStages(stages, { config, outputDirectory: "." });
 * } catch (error) {
 *   if (error instanceof StageError && error.cause instanceof StageContractError) console.error(error.cause.method);
 * }
 * ```
 */
export class StageContractError extends HooksmithError<"HOOKSMITH_STAGE_CONTRACT"> {
  /** The error class name, `"StageContractError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageContractError";
  /** The stage at fault. */
  readonly stage: string;
  /** The method that broke its contract. */
  readonly method: "deploy" | "destroy" | "render";

  /**
   * @param stage - The stage at fault.
   * @param method - The method that broke its contract.
   * @param problem - What it did, e.g. `yielded more than once`.
   * @param cause - An error raised while closing it, if any.
   */
  constructor(stage: string, method: "deploy" | "destroy" | "render", problem: string, cause?: unknown) {
    super(`The ${method} method of stage ${JSON.stringify(stage)} ${problem}`, {
      code: "HOOKSMITH_STAGE_CONTRACT",
      cause,
    });
    this.stage = stage;
    this.method = method;
  }
}

/**
 * The `after` / `before` ordering constraints of the stages form a cycle, so no run order
 * satisfies them.
 *
 * `cycle` lists the stage names along the cycle, first name repeated at the end: each stage
 * must run before the next one.
 *
 * @example
 * ```ts
 * import { resolveStages, StageCycleError } from "hooksmith";
 *
 * try {
 *   resolveStages(stages);
 * } catch (error) {
 *   if (error instanceof StageCycleError) console.error(error.cycle.join(" → "));
 * }
 * ```
 */
export class StageCycleError extends HooksmithError<"HOOKSMITH_STAGE_CYCLE"> {
  /** The error class name, `"StageCycleError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageCycleError";
  /** Stage names along the cycle, e.g. `["a", "b", "a"]`: each must run before the next. */
  readonly cycle: readonly string[];

  /**
   * @param cycle - Stage names along the cycle, the first repeated at the end.
   */
  constructor(cycle: readonly string[]) {
    super(
      `Stage ordering constraints form a cycle: ${cycle.map((name) => JSON.stringify(name)).join(" → ")} ` +
        `(each must run before the next); remove one of the "after" / "before" entries`,
      { code: "HOOKSMITH_STAGE_CYCLE" },
    );
    this.cycle = cycle;
  }
}

/**
 * A value given as a stage is not a valid stage class: not a class, a missing or empty
 * `stageName`, a `priority` that is not a finite number, malformed `after` / `before` /
 * `configKey` / `configKeys` / schemas, or two stages of one name where a flow needs unique
 * names.
 *
 * It names the stage (by `stageName` or class name), the plugin it came from and its position
 * when known, and the property at fault.
 *
 * @example
 * ```ts
 * import { resolveStages, StageDefinitionError } from "hooksmith";
 *
 * try {
 *   resolveStages([BrokenStage]);
 * } catch (error) {
 *   if (error instanceof StageDefinitionError) console.error(error.property, error.message);
 * }
 * ```
 */
export class StageDefinitionError extends HooksmithError<"HOOKSMITH_INVALID_STAGE"> {
  /** The error class name, `"StageDefinitionError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageDefinitionError";
  /** The value given as a stage. */
  readonly stage: unknown;
  /** The property at fault, e.g. `"priority"`; `undefined` when the value is not a class. */
  readonly property: string | undefined;
  /** Its position in the input list, when known. */
  readonly index: number | undefined;
  /** The plugin (or other source) that contributed it, when known. */
  readonly source: string | undefined;

  /**
   * @param stage - The offending value.
   * @param problem - What is wrong, e.g. `priority must be a finite number, got NaN`.
   * @param details - The property at fault and where the stage came from; `subject` replaces
   *   the description of the stage in the message (e.g. `"list passed to deployStages"`).
   * @param cause - The error reading a property threw (a static getter of a plugin's class).
   */
  constructor(
    stage: unknown,
    problem: string,
    details: StageOrigin & { property?: string | undefined; subject?: string | undefined } = {},
    cause?: unknown,
  ) {
    super(`Invalid stage ${details.subject ?? describeStage(stage, details)}: ${problem}`, {
      code: "HOOKSMITH_INVALID_STAGE",
      cause,
    });
    this.stage = stage;
    this.property = details.property;
    this.index = details.index;
    this.source = details.source;
  }
}

/**
 * An `excludeStages` entry is not a valid regular expression (or not a string or `RegExp` at
 * all). Thrown before any stage is looked at.
 *
 * @example
 * ```ts
 * import { resolveStages, StageExcludePatternError } from "hooksmith";
 *
 * try {
 *   resolveStages(stages, { excludeStages: ["02-(infra"] });
 * } catch (error) {
 *   if (error instanceof StageExcludePatternError) console.error(`bad pattern: ${String(error.pattern)}`);
 * }
 * ```
 */
export class StageExcludePatternError extends HooksmithError<"HOOKSMITH_INVALID_EXCLUDE_PATTERN"> {
  /** The error class name, `"StageExcludePatternError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageExcludePatternError";
  /** The offending entry, as given. */
  readonly pattern: unknown;
  /** Its position in `excludeStages`. */
  readonly index: number;

  /**
   * @param pattern - The offending entry.
   * @param index - Its position in `excludeStages`.
   * @param cause - The `SyntaxError` from the `RegExp` constructor, when there is one.
   */
  constructor(pattern: unknown, index: number, cause?: unknown) {
    const problem = cause === undefined ? `expected a string or a RegExp, got ${describeValue(pattern)}` : messageOf(cause);
    super(`Invalid stage exclusion pattern ${describeName(pattern)} (excludeStages[${index}]): ${problem}`, {
      code: "HOOKSMITH_INVALID_EXCLUDE_PATTERN",
      cause,
    });
    this.pattern = pattern;
    this.index = index;
  }
}

/** One problem the `outputSchema` of a stage found. */
export interface StageOutputIssue {
  /** Where in `stageOutputs[stage]`; empty for the value itself. */
  readonly path: readonly PropertyKey[];
  /** What is wrong. */
  readonly message: string;
}

/**
 * What a stage put into `stageOutputs` under its name does not pass its `static outputSchema`.
 * It is the `cause` of the {@link StageError} (phase `deploy`) the deploy rejects with.
 *
 * @example
 * ```ts
 * import { deployStages, StageError, StageOutputError } from "hooksmith";
 *
 * try {
 *   await deployStages(stages, { config, outputDirectory: "." });
 * } catch (error) {
 *   if (error instanceof StageError && error.cause instanceof StageOutputError) console.error(error.cause.issues);
 * }
 * ```
 */
export class StageOutputError extends HooksmithError<"HOOKSMITH_INVALID_STAGE_OUTPUT"> {
  /** The error class name, `"StageOutputError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageOutputError";
  /** The stage whose outputs are invalid. */
  readonly stage: string;
  /** Every issue, with paths inside `stageOutputs[stage]`. */
  readonly issues: readonly StageOutputIssue[];

  /**
   * @param stage - The stage whose outputs are invalid.
   * @param issues - What its output schema reported.
   */
  constructor(stage: string, issues: readonly StageOutputIssue[]) {
    const list = issues.map((issue) => `at ${formatPath(issue.path)}: ${issue.message}`).join("; ");
    super(`Invalid outputs of stage ${JSON.stringify(stage)} (stageOutputs[${JSON.stringify(stage)}]): ${list}`, {
      code: "HOOKSMITH_INVALID_STAGE_OUTPUT",
    });
    this.stage = stage;
    this.issues = issues;
  }
}

/**
 * Two stages render the same path, or one renders a file where another renders a directory
 * (`a` and `a/b`). Later stages never silently overwrite earlier ones; nothing is written when
 * it is thrown.
 *
 * @example
 * ```ts
 * import { renderStages, StageRenderConflictError } from "hooksmith";
 *
 * try {
 *   await renderStages(stages, { config, outputDirectory: "out" });
 * } catch (error) {
 *   if (error instanceof StageRenderConflictError) console.error(error.stages, error.paths);
 * }
 * ```
 */
export class StageRenderConflictError extends HooksmithError<"HOOKSMITH_RENDER_CONFLICT"> {
  /** The error class name, `"StageRenderConflictError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageRenderConflictError";
  /** The two stages, earlier one first (the same name twice when one stage renders both). */
  readonly stages: readonly [string, string];
  /** The two normalized paths, in the same order (equal for a same-file conflict). */
  readonly paths: readonly [string, string];

  /**
   * @param stages - The earlier and the later stage.
   * @param paths - Their paths, normalized.
   */
  constructor(stages: readonly [string, string], paths: readonly [string, string]) {
    const [first, second] = stages.map((stage) => JSON.stringify(stage));
    const message =
      paths[0] === paths[1]
        ? `Render conflict: stages ${first} and ${second} both render ${JSON.stringify(paths[0])}`
        : `Render conflict: stage ${first} renders ${JSON.stringify(paths[0])} and stage ${second} renders ` +
          `${JSON.stringify(paths[1])}; one path is a directory of the other`;
    super(message, { code: "HOOKSMITH_RENDER_CONFLICT" });
    this.stages = stages;
    this.paths = paths;
  }
}

/**
 * The render manifest (`.hooksmith-render.json` in the output directory, read by
 * `renderStages` with `prune: true`) is not valid: not JSON, not of the expected shape, listing
 * a path that is not a render path, a symbolic link or something other than a regular file.
 * Nothing is written or deleted when it is thrown. Delete the file to start over (files it
 * listed are then no longer pruned).
 *
 * @example
 * ```ts
 * import { renderStages, StageRenderManifestError } from "hooksmith";
 *
 * try {
 *   await renderStages(stages, { config, outputDirectory: "out", prune: true });
 * } catch (error) {
 *   if (error instanceof StageRenderManifestError) console.error(`fix or delete ${error.file}`);
 * }
 * ```
 */
export class StageRenderManifestError extends HooksmithError<"HOOKSMITH_INVALID_RENDER_MANIFEST"> {
  /** The error class name, `"StageRenderManifestError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageRenderManifestError";
  /** The absolute path of the manifest file. */
  readonly file: string;

  /**
   * @param file - The absolute path of the manifest file.
   * @param problem - What is wrong with it.
   * @param cause - The underlying error, e.g. a `SyntaxError` from `JSON.parse`.
   */
  constructor(file: string, problem: string, cause?: unknown) {
    super(`Invalid render manifest ${JSON.stringify(file)}: ${problem}`, { code: "HOOKSMITH_INVALID_RENDER_MANIFEST", cause });
    this.file = file;
  }
}

/**
 * Why a rendered path was rejected.
 *
 * @example
 * ```ts
 * import type { RenderPathProblem } from "hooksmith";
 *
 * const problem: RenderPathProblem = "escapes";
 * ```
 */
export type RenderPathProblem =
  "empty" | "absolute" | "escapes" | "not-a-file" | "reserved" | "symlink" | "not-regular" | "unusable";

const explanations: Record<RenderPathProblem, string> = {
  empty: "it is empty",
  absolute: "it is absolute; render paths are relative to the output directory",
  escapes: "it leaves the output directory",
  "not-a-file": "it names the output directory itself, not a file in it",
  reserved: "it is reserved for hooksmith's own files (the render manifest and the lock)",
  symlink: "it goes through a symbolic link, which renderStages never follows",
  "not-regular": "something other than a regular file is there (a directory, a named pipe, a socket or a device)",
  unusable: "the file system cannot use it",
};

/**
 * A stage rendered a path that `renderStages` refuses to read or write: empty, absolute, leaving
 * the output directory (`../x`), going through a symbolic link (never followed), naming the
 * directory itself or one of hooksmith's own files (the render manifest, the lock), standing on
 * something other than a regular file (a named pipe, a socket, a device, a directory), or one the
 * file system refuses (a NUL character, a name too long; the file system's error is the `cause`).
 * Every path is checked before the first write, so nothing is written when it is thrown.
 *
 * @example
 * ```ts
 * import { renderStages, StageRenderPathError } from "hooksmith";
 *
 * try {
 *   await renderStages(stages, { config, outputDirectory: "out" });
 * } catch (error) {
 *   if (error instanceof StageRenderPathError) console.error(error.stage, error.path, error.problem);
 * }
 * ```
 */
export class StageRenderPathError extends HooksmithError<"HOOKSMITH_INVALID_RENDER_PATH"> {
  /** The error class name, `"StageRenderPathError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageRenderPathError";
  /** The stage that rendered the path. */
  readonly stage: string;
  /** The path as the stage gave it. */
  readonly path: string;
  /** Why it was rejected. */
  readonly problem: RenderPathProblem;

  /**
   * @param stage - The stage that rendered the path.
   * @param path - The path as given.
   * @param problem - Why it is rejected.
   * @param cause - The file system's error, for `unusable` (and `not-regular` when opening found it).
   */
  constructor(stage: string, path: string, problem: RenderPathProblem, cause?: unknown) {
    const detail = cause === undefined ? "" : ` (${messageOf(cause)})`;
    super(`Invalid render path ${JSON.stringify(path)} from stage ${JSON.stringify(stage)}: ${explanations[problem]}${detail}`, {
      code: "HOOKSMITH_INVALID_RENDER_PATH",
      cause,
    });
    this.stage = stage;
    this.path = path;
    this.problem = problem;
  }
}

/**
 * The stable codes of {@link PluginHookError}.
 *
 * - `HOOKSMITH_PLUGIN_HOOK_FAILED`: the plugin's implementation threw (or rejected); `cause` is
 *   the original error.
 * - `HOOKSMITH_PLUGIN_HOOK_RESULT`: it returned something of the wrong shape, e.g. a stage class
 *   instead of an array of stage classes.
 * - `HOOKSMITH_PLUGIN_HOOK_WRAPPER`: it is a wrapper (`wrapper` / `hookwrapper`), which a hook
 *   collected plugin by plugin cannot honour: it would only ever see its own plugin's results.
 *
 * @example
 * ```ts
 * import type { PluginHookErrorCode } from "hooksmith";
 *
 * const code: PluginHookErrorCode = "HOOKSMITH_PLUGIN_HOOK_RESULT";
 * ```
 */
export type PluginHookErrorCode =
  "HOOKSMITH_PLUGIN_HOOK_FAILED" | "HOOKSMITH_PLUGIN_HOOK_RESULT" | "HOOKSMITH_PLUGIN_HOOK_WRAPPER";

/**
 * Context of a {@link PluginHookError}.
 *
 * @example
 * ```ts
 * import type { PluginHookErrorOptions } from "hooksmith";
 *
 * const options: PluginHookErrorOptions = { code: "HOOKSMITH_PLUGIN_HOOK_FAILED", pluginName: "p", hookName: "nebari_stage" };
 * ```
 */
export interface PluginHookErrorOptions {
  /** The stable code of the failure. */
  code: PluginHookErrorCode;
  /** The name the plugin is registered under. */
  pluginName: string;
  /** The hook being collected. */
  hookName: string;
  /** The plugin object, when known. */
  plugin?: object | undefined;
  /** The original error, for `HOOKSMITH_PLUGIN_HOOK_FAILED`. */
  cause?: unknown;
}

/**
 * One plugin's implementation of a hook that is collected plugin by plugin (`collectStages`,
 * the subcommand hook of `hooksmith/nebari`) failed: it threw, returned something of the wrong
 * shape, or is a wrapper.
 *
 * Unlike a plain hook call, which passes an implementation's error through unchanged, a
 * collecting call names the plugin at fault, because the host reports it to a user who has to
 * know which plugin to fix or remove. `cause` keeps the original error.
 *
 * @example
 * ```ts
 * import { collectStages, PluginHookError } from "hooksmith";
 *
 * try {
 *   await collectStages(pm, "nebari_stage");
 * } catch (error) {
 *   if (error instanceof PluginHookError) console.error(`plugin ${error.pluginName} is broken:`, error.message);
 * }
 * ```
 */
export class PluginHookError extends HooksmithError<PluginHookErrorCode> {
  /** The error class name, `"PluginHookError"` (printed by `toString()` and in stack traces). */
  override name: string = "PluginHookError";
  /** The name the plugin is registered under. */
  readonly pluginName: string;
  /** The hook being collected. */
  readonly hookName: string;
  /** The plugin object, when known. */
  readonly plugin: object | undefined;

  /**
   * @param message - What failed, naming the plugin and the hook.
   * @param options - The code, the plugin, the hook and the original error.
   */
  constructor(message: string, options: PluginHookErrorOptions) {
    super(message, { code: options.code, cause: options.cause });
    this.pluginName = options.pluginName;
    this.hookName = options.hookName;
    this.plugin = options.plugin;
  }
}

/**
 * The codes of {@link StageLockError}.
 *
 * - `HOOKSMITH_STAGE_LOCKED`: another run (or this process) holds the output directory's lock;
 *   `holder` says who.
 * - `HOOKSMITH_STAGE_LOCK_FAILED`: the lock file could not be created (a read-only or missing
 *   directory, no permission); `cause` is the file system's error.
 *
 * @example
 * ```ts
 * import type { StageLockErrorCode } from "hooksmith";
 *
 * const code: StageLockErrorCode = "HOOKSMITH_STAGE_LOCKED";
 * ```
 */
export type StageLockErrorCode = "HOOKSMITH_STAGE_LOCKED" | "HOOKSMITH_STAGE_LOCK_FAILED";

/** What a {@link StageLockError} is built from. */
export interface StageLockErrorOptions {
  /** The code. */
  code: StageLockErrorCode;
  /** The lock file. */
  file: string;
  /** Who holds the lock, when known. */
  holder?: StageLockHolder | undefined;
  /** The file system's error, for `HOOKSMITH_STAGE_LOCK_FAILED`. */
  cause?: unknown;
}

/**
 * A flow could not take the exclusive lock of its output directory: another run holds it
 * (`HOOKSMITH_STAGE_LOCKED`, naming the holder's process, host, start and flow), or the lock file
 * could not be created (`HOOKSMITH_STAGE_LOCK_FAILED`). Nothing ran.
 *
 * @example
 * ```ts
 * import { deployStages, StageLockError } from "hooksmith";
 *
 * try {
 *   await deployStages(stages, { config, outputDirectory: "./out" });
 * } catch (error) {
 *   if (error instanceof StageLockError && error.holder) console.error(`busy: ${error.holder.flow} by pid ${error.holder.pid}`);
 * }
 * ```
 */
export class StageLockError extends HooksmithError<StageLockErrorCode> {
  /** The error class name, `"StageLockError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageLockError";
  /** The lock file, `.hooksmith.lock` in the output directory. */
  readonly file: string;
  /** Who holds the lock; `undefined` when its file cannot be read or for `HOOKSMITH_STAGE_LOCK_FAILED`. */
  readonly holder: StageLockHolder | undefined;

  /**
   * @param options - The code, the lock file, the holder and the file system's error.
   */
  constructor(options: StageLockErrorOptions) {
    const { code, file, holder } = options;
    const message =
      code === "HOOKSMITH_STAGE_LOCK_FAILED"
        ? `Cannot lock the output directory: creating ${JSON.stringify(file)} failed: ${messageOf(options.cause)}`
        : holder === undefined
          ? `The output directory is locked by another run (${JSON.stringify(file)} exists but does not say by whom); ` +
            "wait for it to finish, or delete that file if no run is using the directory"
          : `The output directory is locked by a ${holder.flow} run: process ${holder.pid} on host ` +
            `${JSON.stringify(holder.hostname)} since ${holder.since} (${JSON.stringify(file)}); wait for it to finish, ` +
            "or delete that file if that process is gone";
    super(message, { code, cause: options.cause });
    this.file = file;
    this.holder = holder;
  }
}
