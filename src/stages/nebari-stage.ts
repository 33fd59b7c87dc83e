import type {
  RenderFiles,
  StageCheckResult,
  StageClass,
  StageInit,
  StageLifecycle,
  StageOutputs,
  StageRunOptions,
  StageStatus,
} from "./stage-types.ts";
import type { StandardSchemaV1 } from "./standard-schema.ts";

/**
 * The base class of every stage: one step of a staged deployment (render files, deploy, check,
 * destroy), contributed by a plugin.
 *
 * A stage is identified by `static stageName` (a class's built-in `name` is read-only and
 * minifiers rename it) and ordered by `static priority`, a finite number, ascending. A stage of
 * the same name and a higher priority replaces it. Each flow constructs its own instance with
 * `new Stage({ outputDirectory, config })`.
 *
 * Every method has a default that does nothing, so a stage overrides only what it needs.
 * `deploy` and `destroy` may be generator or async generator methods: the code before `yield`
 * runs in stage order, the code after it when the run unwinds, in reverse order (like Python's
 * `contextlib.contextmanager` under an `ExitStack`).
 *
 * Optional statics: `inputSchema` / `outputSchema` (Standard Schema validators, e.g. zod or
 * valibot), `configKey` / `configKeys` (the top-level config keys the stage owns) and
 * `after` / `before` (ordering constraints by stage name).
 *
 * @example
 * ```ts
 * import { NebariStage, type StageOutputs, type StageStatus } from "hooksmith";
 *
 * class HelloWorldStage extends NebariStage {
 *   static stageName = "hello_world";
 *   static priority = 100;
 *   render() { return { "hello_world.txt": "File that says hello world" }; }
 *   async *deploy(stageOutputs: StageOutputs) {
 *     process.env["HELLO"] = "WORLD";
 *     stageOutputs[this.name] = { hello: "world" };
 *     yield;
 *     delete process.env["HELLO"];
 *   }
 *   check() { if (!process.env["HELLO"]) throw new Error("stage did not deploy"); }
 *   async *destroy(stageOutputs: StageOutputs, status: StageStatus) { yield; }
 * }
 * ```
 */
export abstract class NebariStage<Config = unknown> {
  /** The unique name of the stage: its identity, the key of overriding and of `stageOutputs`. */
  declare static stageName: string;
  /** The sort key, ascending; a finite number (floats and negatives are fine). */
  declare static priority: number;
  /** Validates this stage's part of the config: the `configKey` section, or the whole config. */
  declare static inputSchema?: StandardSchemaV1 | undefined;
  /** Validates `stageOutputs[stageName]` after the stage's deploy setup. */
  declare static outputSchema?: StandardSchemaV1 | undefined;
  /** The top-level config key this stage owns; `inputSchema` then validates `config[configKey]`. */
  declare static configKey?: string | undefined;
  /** Without `configKey`: the top-level keys owned by an `inputSchema` that sees the whole config. */
  declare static configKeys?: readonly string[] | undefined;
  /** Names of stages this one runs after, when they run. */
  declare static after?: readonly string[] | undefined;
  /** Names of stages this one runs before, when they run. */
  declare static before?: readonly string[] | undefined;

  /** The directory the host renders into and runs from. */
  readonly outputDirectory: string;
  /** The configuration of this run. */
  readonly config: Config;

  /**
   * @param init - `{ outputDirectory, config }`.
   * @throws TypeError when `init` is not an object (e.g. Nebari's positional `Stage(dir, config)`).
   */
  constructor(init: StageInit<Config>) {
    if (typeof init !== "object" || init === null) {
      throw new TypeError(
        `new ${new.target.name || "NebariStage"}(init): expected an object { outputDirectory, config }, got ${init === null ? "null" : typeof init}`,
      );
    }
    this.outputDirectory = init.outputDirectory;
    this.config = init.config;
  }

  /** The stage's `static stageName`. */
  get name(): string {
    return (this.constructor as StageClass).stageName;
  }

  /** The stage's `static priority`. */
  get priority(): number {
    return (this.constructor as StageClass).priority;
  }

  /**
   * Returns the files this stage contributes, keyed by path relative to the output directory.
   * The default renders nothing. Must not write files itself.
   *
   * @returns Relative path to contents, or a promise of it.
   */
  render(): RenderFiles | PromiseLike<RenderFiles> {
    return {};
  }

  /**
   * Deploys the stage. A generator method keeps a context open while later stages run: code
   * before `yield` deploys, code after it runs when the whole deploy unwinds. The default does
   * nothing.
   *
   * @param _stageOutputs - Outputs shared by the stages of this run; write yours under `this.name`.
   * @param _options - `{ disablePrompt, signal }`.
   * @returns A generator, a promise, or nothing.
   */
  deploy(_stageOutputs: StageOutputs, _options: StageRunOptions): StageLifecycle {
    return undefined;
  }

  /**
   * Verifies the deploy, right after this stage's deploy setup. Throwing or returning `false`
   * fails the stage. The default passes.
   *
   * @param _stageOutputs - Outputs shared by the stages of this run.
   * @param _options - `{ disablePrompt, signal }`.
   * @returns `false` to fail; anything else passes.
   */
  check(_stageOutputs: StageOutputs, _options: StageRunOptions): StageCheckResult {
    return undefined;
  }

  /**
   * Destroys the stage. As a generator method, code before `yield` prepares (ascending stage
   * order, e.g. refreshing outputs later stages need) and code after it destroys (descending
   * order). A plain method only destroys, in descending order. The default does nothing.
   *
   * @param _stageOutputs - Outputs shared by the stages of this run.
   * @param _status - `true`/`false` per stage name, for the stages already destroyed.
   * @returns A generator, a promise, or nothing.
   */
  destroy(_stageOutputs: StageOutputs, _status: StageStatus): StageLifecycle {
    return undefined;
  }
}
