import { planStages, type PlanStagesOptions, type StageCandidate } from "./plan-stages.ts";
import type { StageClass } from "./stage-types.ts";
import { reportWarnings } from "./stage-warning.ts";

/**
 * Options of `resolveStages`.
 *
 * @example
 * ```ts
 * import type { ResolveStagesOptions } from "hooksmith";
 *
 * const options: ResolveStagesOptions = { excludeStages: [".*infra.*"], warn: (warning) => console.warn(warning.message) };
 * ```
 */
export interface ResolveStagesOptions extends PlanStagesOptions {
  /** Receives the warnings (e.g. a pattern that matched nothing); default `process.emitWarning`. */
  readonly warn?: (warning: Error) => void;
}

/**
 * Returns the stage classes to run, in run order, from an ordered list of candidate classes.
 *
 * Ascending priority; a duplicate name keeps its highest-priority class (which runs at its own
 * priority); the same name at the same priority with two different classes throws
 * `StageConflictError` naming both; different names at one priority keep input order;
 * `excludeStages` strings are regular expressions matched against the whole name and `RegExp`
 * objects are used as they are; exclusion applies after deduplication, with no fallback to a
 * shadowed stage; an invalid pattern throws before anything else. Optional `static after` /
 * `static before` constraints come before priority. {@link planStages} has the details and
 * returns the whole plan; this function reports its warnings to `warn` instead.
 *
 * @param stages - Stage classes (or `{ stage, source }` entries), in registration order.
 * @param options - `excludeStages`, and `warn` for warnings.
 * @returns The stage classes to run, in order.
 * @throws {@link StageExcludePatternError} for an invalid pattern.
 * @throws {@link StageDefinitionError} for an invalid stage.
 * @throws {@link StageConflictError} for one name at one priority with two classes.
 * @throws {@link StageCycleError} when ordering constraints form a cycle.
 * @example
 * ```ts
 * import { NebariStage, resolveStages } from "hooksmith";
 *
 * class Infra extends NebariStage { static stageName = "02-infrastructure"; static priority = 20; }
 * class MyInfra extends Infra { static priority = 25; }
 * class Hello extends NebariStage { static stageName = "hello"; static priority = 100; }
 *
 * resolveStages([Infra, Hello, MyInfra]); // [MyInfra, Hello]
 * resolveStages([Infra, Hello, MyInfra], { excludeStages: [".*infra.*"] }); // [Hello]
 * ```
 */
export function resolveStages(stages: readonly StageCandidate[], options: ResolveStagesOptions = {}): StageClass[] {
  const plan = planStages(stages, options);
  reportWarnings(plan.warnings, options.warn);
  return plan.stages;
}
