import { loadPlatform } from "../core/runtime.ts";
import type { TestingPlatform } from "./platform.ts";
import { StageCheckError } from "../stages/errors.ts";
import { StageError } from "../stages/errors.ts";
import { StageOutputError } from "../stages/errors.ts";
import { TestHarnessError } from "./errors.ts";
import type { NebariStage } from "../stages/nebari-stage.ts";
import { renderStages } from "../stages/render.ts";
import { validateStageConfig, type UnknownConfigKeyPolicy } from "../stages/stage-config.ts";
import { enterContext, isGeneratorFunction, runToCompletion, type EnteredContext } from "../stages/stage-context.ts";
import { assertStageList } from "../stages/stage-definition.ts";
import type {
  DestroyReport,
  RenderReport,
  StageClass,
  StageInit,
  StageOutputs,
  StagePhase,
  StageRunOptions,
  StageStatus,
} from "../stages/stage-types.ts";
import { runSchema } from "../stages/standard-schema.ts";

/**
 * Options of {@link createStageHarness}.
 *
 * @example
 * ```ts
 * import type { StageHarnessOptions } from "hooksmith/testing";
 *
 * const options: StageHarnessOptions = { config: { project_name: "demo", mlflow: { enabled: true } }, knownKeys: ["project_name"] };
 * ```
 */
export interface StageHarnessOptions {
  /** The config the stages are constructed with; default `{}`. */
  readonly config?: unknown;
  /**
   * Validate `config` against the stages' `inputSchema`s first, as a host does, and construct
   * the stages with the validated config (defaults filled in); default `true`.
   */
  readonly validateConfig?: boolean;
  /** The policy for top-level config keys no stage owns; default `"warn"` (into `warnings`). */
  readonly unknownKeys?: UnknownConfigKeyPolicy;
  /** Top-level config keys the host would own; never reported. */
  readonly knownKeys?: readonly string[];
  /** The output directory; default a new temporary directory, removed on disposal (one given here is kept). */
  readonly outputDirectory?: string;
  /** The `disablePrompt` passed to `deploy` and `check`; default `true` (tests do not prompt). */
  readonly disablePrompt?: boolean;
}

/**
 * Options of `harness.deploy()`.
 *
 * @example
 * ```ts
 * import type { StageDeployOptions } from "hooksmith/testing";
 *
 * const options: StageDeployOptions = { stageOutputs: { "02-infrastructure": { cluster: "test" } }, disableChecks: true };
 * ```
 */
export interface StageDeployOptions {
  /** The outputs shared by the stages, e.g. stub outputs of earlier stages; default `{}` (it is written to). */
  readonly stageOutputs?: StageOutputs;
  /** Skip the stages' `check`; default `false`. */
  readonly disableChecks?: boolean;
  /** Overrides the harness's `disablePrompt`. */
  readonly disablePrompt?: boolean;
  /** The `signal` the stages receive; default one that never aborts. */
  readonly signal?: AbortSignal;
}

/**
 * Options of `harness.check()`.
 *
 * @example
 * ```ts
 * import type { StageCheckOptions } from "hooksmith/testing";
 *
 * const options: StageCheckOptions = { stageOutputs: { hello_world: { hello: "world" } } };
 * ```
 */
export interface StageCheckOptions {
  /** The outputs to check against; default those of the last deploy, or `{}`. */
  readonly stageOutputs?: StageOutputs;
  /** Overrides the harness's `disablePrompt`. */
  readonly disablePrompt?: boolean;
  /** The `signal` the stages receive. */
  readonly signal?: AbortSignal;
}

/**
 * Options of `harness.destroy()`.
 *
 * @example
 * ```ts
 * import type { StageDestroyOptions } from "hooksmith/testing";
 *
 * const options: StageDestroyOptions = { stageOutputs: { "01-state": { bucket: "b" } } };
 * ```
 */
export interface StageDestroyOptions {
  /** The outputs the stages' `destroy` receives; default `{}`. */
  readonly stageOutputs?: StageOutputs;
  /** The status object the stages' `destroy` receives and the run fills in; default `{}`. */
  readonly status?: StageStatus;
}

/**
 * What `harness.render()` returns: the files the stages rendered, as written to disk.
 *
 * @example
 * ```ts
 * import type { RenderedStageFiles } from "hooksmith/testing";
 *
 * const paths = (rendered: RenderedStageFiles) => Object.keys(rendered.files);
 * ```
 */
export interface RenderedStageFiles {
  /** Rendered path (relative, `/`-separated, sorted) to the file's content read back as UTF-8. */
  readonly files: Readonly<Record<string, string>>;
  /** The same files as bytes. */
  readonly bytes: Readonly<Record<string, Uint8Array>>;
  /** The `renderStages` report (new, updated, unchanged and untracked files). */
  readonly report: RenderReport;
}

/**
 * A deploy that ran up to the stages' `yield`, waiting for its teardown: what
 * `harness.deploy()` returns.
 *
 * @example
 * ```ts
 * import type { DeployedStages } from "hooksmith/testing";
 *
 * async function finish(deployed: DeployedStages): Promise<void> {
 *   if (deployed.pending.length > 0) await deployed.teardown();
 * }
 * ```
 */
export interface DeployedStages {
  /** The outputs the stages shared (the object given in the options, or a new one). */
  readonly stageOutputs: StageOutputs;
  /** The stage instances, in run order (the ones `check()` uses). */
  readonly instances: readonly NebariStage<unknown>[];
  /** Names of the stages whose deploy waits after its `yield`, in run order; empty once settled. */
  readonly pending: readonly string[];
  /**
   * Resumes the waiting deploys after their `yield`, last stage first, as a deploy run ends.
   *
   * @throws {@link hooksmith!StageError} (phase `teardown`) for the first teardown that fails; the
   *   error is thrown in at the `yield` of the ones after it, as the flows do.
   * @throws {@link TestHarnessError} `HOOKSMITH_TEARDOWN_DONE` when already settled.
   */
  teardown(): Promise<void>;
  /**
   * Throws `error` in at the waiting deploys' `yield`, last stage first, as when a later stage
   * fails: only their `catch` / `finally` code runs. Resolves once every one has unwound
   * (re-raising `error` is the normal way to unwind).
   *
   * @throws {@link hooksmith!StageError} (phase `teardown`) when an unwind raises another error.
   * @throws {@link TestHarnessError} `HOOKSMITH_TEARDOWN_DONE` when already settled.
   */
  fail(error: unknown): Promise<void>;
}

/**
 * Runs one stage class, or a small ordered list of them, the way a host's flows do, step by
 * step, in a temporary output directory: `render()`, `deploy()` up to the `yield` with the
 * teardown in your hands, `check()`, `destroy()`. Create it with {@link createStageHarness};
 * dispose of it (`await using`) to tear down deploys still waiting and remove the directory.
 *
 * Failures are reported as the flows report them: a {@link hooksmith!StageError} naming the stage and
 * the phase, whose `cause` is the stage's own error (its message includes the cause's).
 *
 * @example
 * ```ts
 * import { createStageHarness } from "hooksmith/testing";
 * import { HelloWorldStage } from "./index.ts";
 *
 * await using harness = await createStageHarness(HelloWorldStage);
 * const { files } = await harness.render();
 * const deployed = await harness.deploy();
 * console.log(files, deployed.stageOutputs);
 * await deployed.teardown();
 * ```
 */
export class StageHarness {
  /** The stage classes, in run order. */
  readonly stages: readonly StageClass[];
  /** The output directory the stages are constructed with. */
  readonly outputDirectory: string;
  /** The config the stages are constructed with (validated, unless `validateConfig: false`). */
  readonly config: unknown;
  readonly #warnings: readonly Error[];
  readonly #ownsDirectory: boolean;
  readonly #disablePrompt: boolean;
  readonly #deploys = new Set<DeployHandle>();
  #lastDeploy: DeployHandle | undefined;
  #disposed = false;

  /**
   * Use {@link createStageHarness}, which validates the stages and the config and creates the
   * directory.
   *
   * @internal
   * @param init - The validated parts.
   */
  constructor(init: {
    stages: readonly StageClass[];
    outputDirectory: string;
    config: unknown;
    warnings: readonly Error[];
    ownsDirectory: boolean;
    disablePrompt: boolean;
  }) {
    this.stages = Object.freeze([...init.stages]);
    this.outputDirectory = init.outputDirectory;
    this.config = init.config;
    this.#warnings = init.warnings;
    this.#ownsDirectory = init.ownsDirectory;
    this.#disablePrompt = init.disablePrompt;
  }

  /** Warnings of the config validation (keys no stage owns, under the `"warn"` policy). */
  get warnings(): readonly Error[] {
    return this.#warnings;
  }

  /** Whether the harness was disposed. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /**
   * Renders the stages into the output directory for real (`renderStages`: the same path and
   * conflict checks as a host), and returns the rendered files as written.
   *
   * @returns The files (text and bytes) and the render report.
   * @throws {@link hooksmith!StageError} (phase `render` or `write`), {@link hooksmith!StageRenderPathError},
   *   {@link hooksmith!StageRenderConflictError} as `renderStages`.
   * @throws {@link TestHarnessError} `HOOKSMITH_HARNESS_DISPOSED` after disposal.
   * @example
   * ```ts
   * import { createStageHarness } from "hooksmith/testing";
   *
   * await using harness = await createStageHarness(HelloWorldStage);
   * const { files } = await harness.render();
   * console.log(files["hello_world.txt"]); // "File that says hello world"
   * ```
   */
  async render(): Promise<RenderedStageFiles> {
    this.#assertUsable("render");
    const report = await renderStages(this.stages, { config: this.config, outputDirectory: this.outputDirectory });
    const files: Record<string, string> = {};
    const bytes: Record<string, Uint8Array> = {};
    const decoder = new TextDecoder();
    const platform = await loadPlatform<TestingPlatform>();
    for (const path of [...report.new, ...report.updated, ...report.unchanged].sort()) {
      const content = await platform.readOutputFile(this.outputDirectory, path);
      bytes[path] = content;
      files[path] = decoder.decode(content);
    }
    return { files, bytes, report };
  }

  /**
   * Deploys the stages up to their `yield`, in order, as `deployStages` does, and stops there:
   * for each stage, construct it, run its `deploy(stageOutputs, { disablePrompt, signal })` up
   * to its `yield` (a plain method runs to its end), validate `stageOutputs[name]` with its
   * `outputSchema`, and run its `check` (unless `disableChecks`). The returned handle runs the
   * teardowns. When a stage fails, the stages entered before it (and itself, when its check
   * failed) are unwound with the failure thrown in, and the call rejects with it.
   *
   * @param options - `stageOutputs`, `disableChecks`, `disablePrompt`, `signal`.
   * @returns The deploy, waiting for its teardown.
   * @throws {@link hooksmith!StageError} naming the failing stage (phase `deploy` or `check`); `cause`
   *   is its error, a {@link StageCheckError} when `check` returned `false`, or a
   *   {@link StageOutputError}.
   * @throws {@link TestHarnessError} `HOOKSMITH_HARNESS_DISPOSED` after disposal.
   * @example
   * ```ts
   * import { createStageHarness } from "hooksmith/testing";
   *
   * await using harness = await createStageHarness(MlflowStage, { config: { mlflow: { enabled: true } } });
   * const deployed = await harness.deploy({ stageOutputs: { "02-infrastructure": { cluster: "test" } } });
   * console.log(deployed.stageOutputs["mlflow"]);
   * await deployed.teardown();
   * ```
   */
  async deploy(options: StageDeployOptions = {}): Promise<DeployedStages> {
    this.#assertUsable("deploy");
    const stageOutputs = options.stageOutputs ?? {};
    const runOptions: StageRunOptions = {
      disablePrompt: options.disablePrompt ?? this.#disablePrompt,
      signal: options.signal ?? new AbortController().signal,
    };
    const entered: EnteredStage[] = [];
    const instances: NebariStage<unknown>[] = [];
    const otherErrors: StageError[] = [];
    let failure: StageError | undefined;
    for (const stage of this.stages) {
      const name = stage.stageName;
      let phase: StagePhase = "deploy";
      try {
        const instance = this.#construct(stage);
        instances.push(instance);
        const context = await enterContext(instance.deploy(stageOutputs, runOptions), name, "deploy");
        if (context !== undefined) entered.push({ name, context });
        if (stage.outputSchema !== undefined) {
          const outcome = await runSchema(stage.outputSchema, stageOutputs[name]);
          if (!outcome.ok) throw new StageOutputError(name, outcome.issues);
        }
        if (options.disableChecks !== true) {
          phase = "check";
          if ((await instance.check(stageOutputs, runOptions)) === false) throw new StageCheckError(name);
        }
      } catch (cause) {
        failure = new StageError({ stage: name, phase, cause, otherErrors });
        break;
      }
    }
    if (failure !== undefined) {
      await unwind(entered, failure, otherErrors);
      throw failure;
    }
    const handle = new DeployHandle(stageOutputs, instances, entered, () => this.#deploys.delete(handle));
    this.#deploys.add(handle);
    this.#lastDeploy = handle;
    return handle;
  }

  /**
   * Runs the stages' `check`, in order, on the instances of the last deploy (new instances
   * when nothing was deployed yet), e.g. to see a check fail after the teardown.
   *
   * @param options - `stageOutputs` (default: the last deploy's), `disablePrompt`, `signal`.
   * @returns `true` when every check passed.
   * @throws {@link hooksmith!StageError} (phase `check`) for the first check that throws or returns
   *   `false` (`cause`: its error, or a {@link StageCheckError}).
   * @throws {@link TestHarnessError} `HOOKSMITH_HARNESS_DISPOSED` after disposal.
   * @example
   * ```ts
   * import { createStageHarness } from "hooksmith/testing";
   *
   * await using harness = await createStageHarness(HelloWorldStage);
   * const deployed = await harness.deploy();
   * await deployed.teardown();
   * await harness.check().catch((error: unknown) => console.log(String(error))); // the check fails now
   * ```
   */
  async check(options: StageCheckOptions = {}): Promise<true> {
    this.#assertUsable("check");
    const last = this.#lastDeploy;
    const stageOutputs = options.stageOutputs ?? last?.stageOutputs ?? {};
    const runOptions: StageRunOptions = {
      disablePrompt: options.disablePrompt ?? this.#disablePrompt,
      signal: options.signal ?? new AbortController().signal,
    };
    for (const [index, stage] of this.stages.entries()) {
      const name = stage.stageName;
      try {
        const instance = last?.instances[index] ?? this.#construct(stage);
        if ((await instance.check(stageOutputs, runOptions)) === false) throw new StageCheckError(name);
      } catch (cause) {
        throw new StageError({ stage: name, phase: "check", cause });
      }
    }
    return true;
  }

  /**
   * Destroys the stages as `destroyStages` does, with the `stageOutputs` and `status` you give:
   * prepare (the code before a generator's `yield`) in ascending order, then destroy (after
   * `yield`, or a plain method) in descending order. A stage that fails to prepare stops the
   * preparing (later stages are `skipped`); a stage that fails to destroy does not stop the
   * others.
   *
   * @param options - `stageOutputs`, `status`.
   * @returns `{ status, skipped }`.
   * @throws {@link hooksmith!StageError} for the first failure, with `report` and `otherErrors`.
   * @throws {@link TestHarnessError} `HOOKSMITH_HARNESS_DISPOSED` after disposal.
   * @example
   * ```ts
   * import { createStageHarness } from "hooksmith/testing";
   *
   * await using harness = await createStageHarness([StateStage, ClusterStage]);
   * const { status } = await harness.destroy({ stageOutputs: { state: { bucket: "b" } } });
   * console.log(status); // { cluster: true, state: true }
   * ```
   */
  async destroy(options: StageDestroyOptions = {}): Promise<DestroyReport> {
    this.#assertUsable("destroy");
    const stageOutputs = options.stageOutputs ?? {};
    const status = options.status ?? {};
    const skipped: string[] = [];
    const failures: StageError[] = [];
    const prepared: { name: string; destroy: () => Promise<void> }[] = [];
    for (const [index, stage] of this.stages.entries()) {
      const name = stage.stageName;
      try {
        const instance = this.#construct(stage);
        const method = (instance as Partial<NebariStage<unknown>>).destroy;
        if (typeof method !== "function") {
          prepared.push({ name, destroy: async () => undefined });
        } else if (isGeneratorFunction(method)) {
          const context = await enterContext(method.call(instance, stageOutputs, status), name, "destroy");
          prepared.push({ name, destroy: async () => context?.exit() });
        } else {
          prepared.push({ name, destroy: () => runToCompletion(method.call(instance, stageOutputs, status), name) });
        }
      } catch (cause) {
        status[name] = false;
        failures.push(new StageError({ stage: name, phase: "prepare", cause }));
        skipped.push(...this.stages.slice(index + 1).map((later) => later.stageName));
        break;
      }
    }
    for (const { name, destroy } of prepared.reverse()) {
      try {
        await destroy();
        status[name] = true;
      } catch (cause) {
        status[name] = false;
        failures.push(new StageError({ stage: name, phase: "destroy", cause }));
      }
    }
    const report: DestroyReport = { status, skipped };
    const [first, ...rest] = failures;
    if (first !== undefined)
      throw new StageError({ stage: first.stage, phase: first.phase, cause: first.cause, report, otherErrors: rest });
    return report;
  }

  /**
   * Reads a file of the output directory as UTF-8 text (e.g. one a deploy wrote).
   *
   * @param path - A path relative to the output directory, `/`-separated.
   * @returns The file's content.
   * @throws The `readFile` error when the file does not exist.
   * @throws {@link TestHarnessError} `HOOKSMITH_HARNESS_DISPOSED` after disposal.
   * @example
   * ```ts
   * import { createStageHarness } from "hooksmith/testing";
   *
   * await using harness = await createStageHarness(StateStage);
   * await (await harness.deploy()).teardown();
   * console.log(JSON.parse(await harness.readFile("state.json")));
   * ```
   */
  async readFile(path: string): Promise<string> {
    this.#assertUsable("readFile");
    const platform = await loadPlatform<TestingPlatform>();
    return new TextDecoder().decode(await platform.readOutputFile(this.outputDirectory, path));
  }

  /**
   * Tears down the deploys still waiting at their `yield` (normally, last deploy first), then
   * removes the temporary output directory (a directory given in the options is kept).
   * Idempotent; `await using` calls it.
   *
   * @throws The teardown failures (a {@link hooksmith!StageError}, or an `AggregateError` of several),
   *   after the directory is removed.
   * @example
   * ```ts
   * import { createStageHarness } from "hooksmith/testing";
   *
   * const harness = await createStageHarness(HelloWorldStage);
   * try {
   *   await harness.deploy();
   * } finally {
   *   await harness.dispose();
   * }
   * ```
   */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    const errors: unknown[] = [];
    for (const deploy of [...this.#deploys].reverse()) {
      try {
        await deploy.teardown();
      } catch (error) {
        errors.push(error);
      }
    }
    if (this.#ownsDirectory) await (await loadPlatform<TestingPlatform>()).removeDirectory(this.outputDirectory);
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1)
      throw new AggregateError(errors, `${errors.length} stage teardowns failed while the stage harness was disposed`);
  }

  /** Same as `dispose()`: lets `await using harness = await createStageHarness(…)` clean up. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }

  #construct(stage: StageClass): NebariStage<unknown> {
    const init: StageInit = { outputDirectory: this.outputDirectory, config: this.config };
    return new (stage as unknown as new (init: StageInit) => NebariStage<unknown>)(init);
  }

  #assertUsable(method: string): void {
    if (this.#disposed) {
      throw new TestHarnessError(
        `StageHarness.${method}(): the harness was disposed (its output directory is gone); create a new one`,
        "HOOKSMITH_HARNESS_DISPOSED",
      );
    }
  }
}

/**
 * Creates a {@link StageHarness} for one stage class or a small ordered list of them: checks
 * the stage classes, validates `config` against their `inputSchema`s (as a host does), and
 * creates a temporary output directory.
 *
 * @param stages - A stage class, or stage classes in run order (names unique).
 * @param options - `config`, `validateConfig`, `unknownKeys`, `knownKeys`, `outputDirectory`,
 *   `disablePrompt`.
 * @returns The harness; dispose of it (`await using`, or `dispose()`).
 * @throws {@link hooksmith!StageDefinitionError} for an invalid stage class or a duplicate name.
 * @throws {@link hooksmith!StageConfigError} when the config does not fit the stages' schemas.
 * @example
 * ```ts
 * import { createStageHarness } from "hooksmith/testing";
 * import { HelloWorldStage } from "./index.ts";
 *
 * await using harness = await createStageHarness(HelloWorldStage, { config: { project_name: "demo" }, knownKeys: ["project_name"] });
 * const deployed = await harness.deploy();
 * console.log(deployed.stageOutputs); // { hello_world: { hello: "world" } }
 * await deployed.teardown();
 * ```
 */
export async function createStageHarness(
  stages: StageClass | readonly StageClass[],
  options: StageHarnessOptions = {},
): Promise<StageHarness> {
  const list = assertStageList(Array.isArray(stages) ? stages : [stages], "createStageHarness");
  const warnings: Error[] = [];
  const raw = options.config ?? {};
  const config =
    options.validateConfig === false
      ? raw
      : (
          await validateStageConfig(list, raw, {
            ...(options.unknownKeys === undefined ? {} : { unknownKeys: options.unknownKeys }),
            ...(options.knownKeys === undefined ? {} : { knownKeys: options.knownKeys }),
            warn: (warning) => warnings.push(warning),
          })
        ).config;
  const ownsDirectory = options.outputDirectory === undefined;
  const outputDirectory =
    options.outputDirectory ?? (await (await loadPlatform<TestingPlatform>()).createTemporaryDirectory("hooksmith-stage-"));
  return new StageHarness({
    stages: list,
    outputDirectory,
    config,
    warnings,
    ownsDirectory,
    disablePrompt: options.disablePrompt ?? true,
  });
}

/** A stage whose deploy waits after its `yield`. */
interface EnteredStage {
  readonly name: string;
  readonly context: EnteredContext;
}

/** The deploy handle behind {@link DeployedStages}. */
class DeployHandle implements DeployedStages {
  readonly stageOutputs: StageOutputs;
  readonly instances: readonly NebariStage<unknown>[];
  readonly #entered: EnteredStage[];
  readonly #settled: () => void;
  #done = false;

  constructor(
    stageOutputs: StageOutputs,
    instances: readonly NebariStage<unknown>[],
    entered: EnteredStage[],
    settled: () => void,
  ) {
    this.stageOutputs = stageOutputs;
    this.instances = Object.freeze([...instances]);
    this.#entered = entered;
    this.#settled = settled;
  }

  get pending(): readonly string[] {
    return this.#done ? [] : this.#entered.map(({ name }) => name);
  }

  async teardown(): Promise<void> {
    this.#settle("teardown");
    const otherErrors: StageError[] = [];
    let failure: StageError | undefined;
    for (const { name, context } of [...this.#entered].reverse()) {
      const thrown = failure;
      try {
        await context.exit(thrown === undefined ? undefined : { error: thrown });
      } catch (cause) {
        const error = new StageError({ stage: name, phase: "teardown", cause, otherErrors });
        if (failure === undefined) failure = error;
        else otherErrors.push(error);
      }
    }
    if (failure !== undefined) throw failure;
  }

  async fail(error: unknown): Promise<void> {
    this.#settle("fail");
    const failures: StageError[] = [];
    await unwind(this.#entered, error, failures);
    const [first, ...rest] = failures;
    if (first !== undefined)
      throw new StageError({ stage: first.stage, phase: "teardown", cause: first.cause, otherErrors: rest });
  }

  #settle(method: string): void {
    if (this.#done) {
      throw new TestHarnessError(
        `DeployedStages.${method}(): the deploy was already torn down or failed`,
        "HOOKSMITH_TEARDOWN_DONE",
      );
    }
    this.#done = true;
    this.#settled();
  }
}

/**
 * Throws `error` in at the `yield` of entered deploys, last first; collects the new errors
 * they raise.
 *
 * @param entered - The entered stages, in run order.
 * @param error - The error to throw in.
 * @param failures - Receives a `StageError` per unwind that raised a new error.
 */
async function unwind(entered: readonly EnteredStage[], error: unknown, failures: StageError[]): Promise<void> {
  for (const { name, context } of [...entered].reverse()) {
    try {
      await context.exit({ error });
    } catch (cause) {
      failures.push(new StageError({ stage: name, phase: "teardown", cause }));
    }
  }
}
