import type { CollectedStagePlan } from "../stages/collect-stages.ts";
import { deployStages, type DeployStagesOptions } from "../stages/deploy-stages.ts";
import { destroyStages, type DestroyStagesOptions } from "../stages/destroy-stages.ts";
import { renderStages, type RenderStagesOptions } from "../stages/render.ts";
import {
  validateStageConfig,
  type StageConfigOwner,
  type StageConfigResult,
  type UnknownConfigKeyPolicy,
  type ValidateStageConfigOptions,
} from "../stages/stage-config.ts";
import type { DestroyReport, RenderReport, StageClass, StageOutputs } from "../stages/stage-types.ts";

/**
 * How a host's config is checked against the stages of a run.
 *
 * @example
 * ```ts
 * import type { NebariConfigOptions } from "hooksmith/nebari";
 * import { z } from "zod";
 *
 * const config: NebariConfigOptions = {
 *   owners: [{ stageName: "main", configKeys: ["project_name"], inputSchema: z.object({ project_name: z.string() }) }],
 *   unknownKeys: "warn",
 * };
 * ```
 */
export interface NebariConfigOptions {
  /**
   * Config owners of the host itself (e.g. `project_name`), validated before the stages'
   * schemas. An owner has the statics of a stage: `stageName`, `inputSchema`, `configKey` or
   * `configKeys`.
   */
  readonly owners?: readonly StageConfigOwner[];
  /** Top-level keys the host owns and checks itself; never reported as unknown. */
  readonly knownKeys?: readonly string[];
  /** Top-level keys that no active stage owns: `"error"`, `"warn"` (default) or `"ignore"`. */
  readonly unknownKeys?: UnknownConfigKeyPolicy;
}

/**
 * Options of a {@link NebariStageSnapshot}.
 *
 * @example
 * ```ts
 * import type { NebariStageSnapshotOptions } from "hooksmith/nebari";
 *
 * const options: NebariStageSnapshotOptions = { config: { unknownKeys: "error" }, warn: (warning) => console.warn(warning.message) };
 * ```
 */
export interface NebariStageSnapshotOptions {
  /** How `validateConfig` checks a config. */
  readonly config?: NebariConfigOptions;
  /** Receives config warnings; default `process.emitWarning`. */
  readonly warn?: (warning: Error) => void;
}

/**
 * The stages of one run, resolved once: what `NebariPluginManager.snapshotStages()` returns.
 *
 * The snapshot holds the plan (stages in run order, each with its plugin; what was shadowed or
 * excluded; warnings) and runs the config check and the three flows with exactly those stages.
 * Nothing here calls a plugin hook again, and plugins registered later do not change it: the
 * config check, the render, the deploy and the destroy of one run agree on the stages by
 * construction (Nebari re-ran every `nebari_stage` implementation on each access).
 *
 * @example
 * ```ts
 * import { NebariPluginManager } from "hooksmith/nebari";
 *
 * const nebari = new NebariPluginManager({ defaultPlugins: { "builtin-stages": builtinStages } });
 * await nebari.loadPlugins();
 * const run = await nebari.snapshotStages({ excludeStages: [".*kuberhealthy.*"] });
 *
 * const { config } = await run.validateConfig(rawConfig);
 * await run.render({ config, outputDirectory: "./out" });
 * const outputs = await run.deploy({ config, outputDirectory: "./out", onProgress: console.log });
 * ```
 */
export class NebariStageSnapshot {
  /** The plan: run order with each stage's plugin, shadowed and excluded stages, warnings. */
  readonly plan: CollectedStagePlan;
  /** The stage classes of the run, in run order. */
  readonly stages: readonly StageClass[];
  readonly #config: NebariConfigOptions;
  readonly #warn: ((warning: Error) => void) | undefined;

  /**
   * Usually created by `NebariPluginManager.snapshotStages()`.
   *
   * @param plan - A plan from `collectStages`.
   * @param options - How configs are checked, where warnings go.
   */
  constructor(plan: CollectedStagePlan, options: NebariStageSnapshotOptions = {}) {
    this.plan = plan;
    this.stages = Object.freeze([...plan.stages]);
    this.#config = options.config ?? {};
    this.#warn = options.warn;
  }

  /**
   * Checks a config against the host's owners and the `inputSchema` of every stage of this run
   * (`validateStageConfig`), applying the unknown-keys policy.
   *
   * @param config - The raw config, e.g. parsed YAML.
   * @param options - Per-call `unknownKeys`, extra `knownKeys`, `warn`.
   * @returns The validated config (defaults filled in) and the warnings.
   * @throws {@link hooksmith!StageConfigError} listing every issue, each naming its stage and path.
   * @throws {@link hooksmith!StageConfigConflictError} when two stages validate one key differently.
   * @example
   * ```ts
   * import { NebariPluginManager } from "hooksmith/nebari";
   *
   * const run = await new NebariPluginManager().snapshotStages();
   * const { config, warnings } = await run.validateConfig({ project_name: "demo" }, { unknownKeys: "error" });
   * ```
   */
  validateConfig(config: unknown, options: ValidateStageConfigOptions = {}): Promise<StageConfigResult> {
    const warn = options.warn ?? this.#warn;
    const unknownKeys = options.unknownKeys ?? this.#config.unknownKeys;
    return validateStageConfig([...(this.#config.owners ?? []), ...this.stages], config, {
      knownKeys: [...(this.#config.knownKeys ?? []), ...(options.knownKeys ?? [])],
      ...(unknownKeys === undefined ? {} : { unknownKeys }),
      ...(warn === undefined ? {} : { warn }),
    });
  }

  /**
   * Renders this run's stages (`renderStages`): `dryRun`, `prune`, `signal` and `onProgress`
   * are passed through.
   *
   * @param options - As for `renderStages`.
   * @returns The render report.
   * @throws As `renderStages`.
   * @example
   * ```ts
   * import { NebariPluginManager } from "hooksmith/nebari";
   *
   * const run = await new NebariPluginManager().snapshotStages();
   * const report = await run.render({ config: {}, outputDirectory: "./out", dryRun: true });
   * ```
   */
  render(options: RenderStagesOptions): Promise<RenderReport> {
    return renderStages(this.stages, options);
  }

  /**
   * Deploys this run's stages (`deployStages`): `disablePrompt`, `disableChecks`, `signal` and
   * `onProgress` are passed through.
   *
   * @param options - As for `deployStages`.
   * @returns The shared `stageOutputs`.
   * @throws As `deployStages`.
   * @example
   * ```ts
   * import { NebariPluginManager } from "hooksmith/nebari";
   *
   * const run = await new NebariPluginManager().snapshotStages();
   * const outputs = await run.deploy({ config: {}, outputDirectory: ".", disableChecks: true });
   * ```
   */
  deploy(options: DeployStagesOptions): Promise<StageOutputs> {
    return deployStages(this.stages, options);
  }

  /**
   * Destroys this run's stages (`destroyStages`): `signal` and `onProgress` are passed through.
   *
   * @param options - As for `destroyStages`.
   * @returns The destroy report.
   * @throws As `destroyStages`.
   * @example
   * ```ts
   * import { NebariPluginManager } from "hooksmith/nebari";
   *
   * const run = await new NebariPluginManager().snapshotStages();
   * const { status } = await run.destroy({ config: {}, outputDirectory: "." });
   * ```
   */
  destroy(options: DestroyStagesOptions): Promise<DestroyReport> {
    return destroyStages(this.stages, options);
  }
}
