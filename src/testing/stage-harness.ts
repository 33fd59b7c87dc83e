import { loadPlatform } from "../core/runtime.ts";
import type { TestingPlatform } from "./platform.ts";
import { StageCheckError } from "../stages/errors.ts";
import { StageError } from "../stages/errors.ts";
import type { StageOutputError } from "../stages/errors.ts";
import { TestHarnessError } from "./errors.ts";
import { enterDeploy, type EnteredDeploy } from "../stages/deploy-stages.ts";
import { runDestroy } from "../stages/destroy-stages.ts";
import type { NebariStage } from "../stages/nebari-stage.ts";
import { renderStages } from "../stages/render.ts";
import { validateStageConfig, type StageConfigOwner, type UnknownConfigKeyPolicy } from "../stages/stage-config.ts";
import { assertStageList } from "../stages/stage-definition.ts";
import { createStepRunner } from "../stages/stage-progress.ts";
import type {
  DestroyReport,
  RenderReport,
  StageClass,
  StageInit,
  StageOutputs,
  StageRunOptions,
  StageStatus,
} from "../stages/stage-types.ts";

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
  /**
   * The host's own config owners (e.g. the owner of `project_name`), validated before the
   * stages' schemas as the host validates them, so that host-owned keys need not be faked.
   */
  readonly owners?: readonly StageConfigOwner[];
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
  /** The `signal` the stages receive (it also aborts when the harness is disposed); default one that aborts only then. */
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
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #disposal = new AbortController();
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
    const report = await this.#track(() =>
      renderStages(this.stages, { config: this.config, outputDirectory: this.outputDirectory, signal: this.#disposal.signal }),
    );
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
   * Deploys the stages up to their `yield`, in order, with the deploy flow of `deployStages`
   * itself, and stops there: for each stage, construct it, run its
   * `deploy(stageOutputs, { disablePrompt, signal })` up to its `yield` (a plain method runs to
   * its end), validate `stageOutputs[name]` with its `outputSchema`, and run its `check`
   * (unless `disableChecks`). The returned handle runs the teardowns. When a stage fails, the
   * stages entered before it (and itself, when its check failed) are unwound with the failure
   * thrown in, and the call rejects with it. The output directory is not locked (the harness
   * owns it). The `signal` the stages receive also aborts when the harness is disposed, and
   * disposal stops the deploy before its next stage (a `StageAbortError`).
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
    const disposal = this.#disposal.signal;
    const runOptions: StageRunOptions = {
      disablePrompt: options.disablePrompt ?? this.#disablePrompt,
      signal: options.signal === undefined ? disposal : AbortSignal.any([options.signal, disposal]),
    };
    const otherErrors: StageError[] = [];
    return this.#track(async () => {
      const entered = await enterDeploy(
        this.stages,
        {
          init: this.#init(),
          runOptions,
          disableChecks: options.disableChecks === true,
          // Only disposal stops a harness deploy between stages: the test's own signal is the
          // stages' business, as a test may pass an aborted one on purpose.
          stop: disposal,
          stageOutputs: options.stageOutputs ?? {},
        },
        createStepRunner("deploy", this.stages.length, undefined),
        otherErrors,
      );
      const handle: DeployHandle = new DeployHandle(entered, otherErrors, () => this.#deploys.delete(handle));
      this.#deploys.add(handle);
      this.#lastDeploy = handle;
      return handle;
    });
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
   * Destroys the stages with the destroy flow of `destroyStages`, with the `stageOutputs` and
   * `status` you give:
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
    return this.#track(() =>
      runDestroy(
        this.stages,
        {
          init: this.#init(),
          signal: this.#disposal.signal,
          stageOutputs: options.stageOutputs ?? {},
          status: options.status ?? {},
        },
        createStepRunner("destroy", this.stages.length, undefined),
      ),
    );
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
   * Stops the renders, deploys and destroys still running (between stages; their signal is
   * aborted) and waits for them, tears down the deploys waiting at their `yield` (normally, last
   * deploy first), then removes the temporary output directory (a directory given in the
   * options is kept). Nothing of the harness runs against the directory once it is removed.
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
    // Stop the runs in flight between stages, wait for them, then tear down what they entered:
    // nothing may go on running against the directory once it is removed.
    this.#disposal.abort(
      new TestHarnessError("the stage harness was disposed while the run was going on", "HOOKSMITH_HARNESS_DISPOSED"),
    );
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
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
    return new (stage as unknown as new (init: StageInit) => NebariStage<unknown>)(this.#init());
  }

  #init(): StageInit {
    return { outputDirectory: this.outputDirectory, config: this.config };
  }

  /** Runs a render, deploy or destroy, keeping it known until it settles, for `dispose()`. */
  #track<T>(run: () => Promise<T>): Promise<T> {
    const task = run();
    this.#inFlight.add(task);
    const forget = (): void => void this.#inFlight.delete(task);
    task.then(forget, forget);
    return task;
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
 * @param options - `config`, `validateConfig`, `unknownKeys`, `knownKeys`, `owners`,
 *   `outputDirectory`, `disablePrompt`.
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
          await validateStageConfig([...(options.owners ?? []), ...list], raw, {
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

/** The deploy handle behind {@link DeployedStages}: an entered run of the deploy flow. */
class DeployHandle implements DeployedStages {
  readonly stageOutputs: StageOutputs;
  readonly instances: readonly NebariStage<unknown>[];
  readonly #entered: EnteredDeploy;
  readonly #otherErrors: StageError[];
  readonly #settled: () => void;
  #done = false;

  constructor(entered: EnteredDeploy, otherErrors: StageError[], settled: () => void) {
    this.stageOutputs = entered.stageOutputs;
    this.instances = Object.freeze([...entered.instances]);
    this.#entered = entered;
    this.#otherErrors = otherErrors;
    this.#settled = settled;
  }

  get pending(): readonly string[] {
    return this.#done ? [] : this.#entered.pending;
  }

  async teardown(): Promise<void> {
    this.#settle("teardown");
    const failure = await this.#entered.exit();
    if (failure !== undefined) throw failure;
  }

  async fail(error: unknown): Promise<void> {
    this.#settle("fail");
    const before = this.#otherErrors.length;
    await this.#entered.exit({ error });
    const [first, ...rest] = this.#otherErrors.slice(before);
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
