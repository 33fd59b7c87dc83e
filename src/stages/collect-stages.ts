import { getPluginRecord, type PluginRecord, type PluginSource } from "../core/plugin-records.ts";
import { PluginHookError } from "./errors.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import { callPerPlugin } from "./call-per-plugin.ts";
import { describeValue } from "../core/describe.ts";
import { compileExcludePatterns } from "./exclude-patterns.ts";
import {
  planStages,
  type PlannedStage,
  type PlanStagesOptions,
  type StageCandidateEntry,
  type StagePlan,
} from "./plan-stages.ts";
import { assertStageClass } from "./stage-definition.ts";
import type { StageClass } from "./stage-types.ts";
import { StageWarning } from "./stage-warning.ts";
import type { StageDefinitionError } from "./errors.ts";

/**
 * How a plugin that contributes stages came to be registered: `"builtin"` for the host's own
 * plugins (the `builtins` option), otherwise its {@link PluginRecord} source (`"entrypoint"`,
 * `"import"`), or `"register"` for a plugin registered directly.
 *
 * @example
 * ```ts
 * import type { StageContributorSource } from "hooksmith";
 *
 * const label = (source: StageContributorSource) => (source === "builtin" ? "built-in" : "external");
 * ```
 */
export type StageContributorSource = "builtin" | PluginSource;

/**
 * A plugin that implements the stage hook, and what its implementation returned.
 *
 * @example
 * ```ts
 * import { collectStages } from "hooksmith";
 *
 * const plan = await collectStages(pm, "nebari_stage");
 * for (const { name, source, record, stages } of plan.contributors) {
 *   console.log(name, source, record?.version ?? "-", stages.map((stage) => stage.stageName));
 * }
 * ```
 */
export interface StageContributor {
  /** The name the plugin is registered under (the `source` of its planned stages). */
  readonly name: string;
  /** The plugin object. */
  readonly plugin: object;
  /** How it was registered: `"builtin"`, `"entrypoint"`, `"import"` or `"register"`. */
  readonly source: StageContributorSource;
  /** What the loader recorded (package, version, file), for plugins loaded from a file or package. */
  readonly record: PluginRecord | undefined;
  /** The stage classes its implementation returned, in its order. */
  readonly stages: readonly StageClass[];
}

/**
 * A stage of a collected plan, with the plugin that contributed it.
 *
 * @example
 * ```ts
 * import { collectStages } from "hooksmith";
 *
 * const plan = await collectStages(pm, "nebari_stage");
 * console.table(plan.order.map(({ name, priority, contributor }) => ({ name, priority, plugin: contributor.name, from: contributor.source })));
 * ```
 */
export interface CollectedStage extends PlannedStage {
  /** The name of the plugin that contributed it (`contributor.name`). */
  readonly source: string;
  /** The plugin that contributed it. */
  readonly contributor: StageContributor;
}

/**
 * A collected stage that lost to another of the same name.
 *
 * @example
 * ```ts
 * import { collectStages } from "hooksmith";
 *
 * for (const loser of (await collectStages(pm, "nebari_stage")).shadowed) {
 *   console.log(`${loser.name} of ${loser.source} is overridden by ${loser.shadowedBy.source}`);
 * }
 * ```
 */
export interface CollectedShadowedStage extends CollectedStage {
  /** The stage that won. */
  readonly shadowedBy: CollectedStage;
}

/**
 * A collected stage left out on purpose, by name pattern or by source.
 *
 * @example
 * ```ts
 * import { collectStages } from "hooksmith";
 *
 * const plan = await collectStages(pm, "nebari_stage", { builtins, excludeBuiltins: true });
 * for (const { name, reason, source } of plan.excluded) console.log(name, reason, source);
 * ```
 */
export interface CollectedExcludedStage extends CollectedStage {
  /** `"pattern"`: its name matched `excludeStages`; `"source"`: its plugin is excluded. */
  readonly reason: "pattern" | "source";
  /** For `reason: "pattern"`: the first pattern that matched its name. */
  readonly pattern?: string | RegExp;
}

/**
 * What `collectStages` returns: the plan of `planStages` over the stages the plugins
 * contributed, with each stage's plugin, and the plugins themselves.
 *
 * @example
 * ```ts
 * import { collectStages, deployStages } from "hooksmith";
 *
 * const plan = await collectStages(pm, "nebari_stage", { excludeStages: [".*kuberhealthy.*"] });
 * for (const warning of plan.warnings) console.warn(warning.message);
 * await deployStages(plan.stages, { config, outputDirectory: "." });
 * ```
 */
export interface CollectedStagePlan extends StagePlan {
  /** The hook that was called. */
  readonly hookName: string;
  /** The stages to run, in run order, with their plugins. */
  readonly order: readonly CollectedStage[];
  /** Stages that lost to another of the same name, in candidate order. */
  readonly shadowed: readonly CollectedShadowedStage[];
  /** Stages excluded by pattern or by source, in candidate order. */
  readonly excluded: readonly CollectedExcludedStage[];
  /** Every plugin implementing the hook, in registration order (the candidate order). */
  readonly contributors: readonly StageContributor[];
}

/**
 * Options of `collectStages`.
 *
 * @example
 * ```ts
 * import type { CollectStagesOptions } from "hooksmith";
 *
 * const options: CollectStagesOptions = { builtins: [bootstrapPlugin], excludeBuiltins: true, excludeStages: ["10-.*"] };
 * ```
 */
export interface CollectStagesOptions extends PlanStagesOptions {
  /**
   * The host's built-in plugins, as plugin objects or registration names: their contributors
   * get source `"builtin"`, and `excludeBuiltins` leaves their stages out.
   */
  readonly builtins?: Iterable<object | string>;
  /**
   * Leave out every stage contributed by a built-in plugin (Nebari's
   * `--exclude-default-stages`), however and whenever those plugins were registered. Their
   * stages are listed in `excluded` with reason `"source"`, and, as for `excludeSources`, a
   * plugin's stage of the same name then runs whatever its priority.
   */
  readonly excludeBuiltins?: boolean;
  /** Plugins (by registration name) whose stages are left out, before deduplication. */
  readonly excludeSources?: readonly string[];
  /** The arguments object of the hook call; default none. */
  readonly args?: object;
  /** Cancels the collection between plugins; it then rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

/**
 * Collects the stages that plugins contribute through a hook, and plans the run: the stage hook
 * is called **once**, each plugin's result is validated and attributed to it, and
 * {@link planStages} decides what runs.
 *
 * - **One call per run.** Every implementation of the hook runs exactly once (plugin by plugin,
 *   through the regular call loop, so monitoring and tracing see it). Use the returned plan for
 *   the whole run: config check, render, deploy; never collect again in between.
 * - **Candidate order is plugin registration order** (first registered first), not pluggy's
 *   call order (last registered first). A host that registers its built-in plugins first thus
 *   runs them first among stages of equal priority, and the order does not depend on how
 *   pluggy's LIFO rule interacts with discovery order. Within one plugin, its list's order.
 * - **Validation, naming the plugin.** Each implementation must return an array of stage
 *   classes (or `undefined`, meaning none; a promise of either is awaited). A non-array is a
 *   {@link PluginHookError}; an element that is not a valid stage class (no `stageName`, a
 *   `priority` that is not a finite number, not a class) a {@link StageDefinitionError} naming
 *   the plugin and position; so is a plugin returning two stages of one name. An implementation
 *   that throws becomes a `PluginHookError` whose `cause` is the original error; a wrapper
 *   implementation is rejected before anything is called.
 * - **Exclusion by source.** `excludeBuiltins` leaves out the stages of the `builtins` plugins,
 *   and `excludeSources` those of the named plugins: the plugins stay registered (their other
 *   hooks keep working), only their stages are dropped. `excludeStages` patterns are compiled
 *   before any hook runs.
 * - **Warnings** (returned in `plan.warnings`, not emitted): an `excludeStages` pattern or an
 *   `excludeSources` name that matched nothing, an `after` / `before` naming no stage.
 *
 * @param manager - The plugin manager holding the plugins.
 * @param hookName - The stage hook, e.g. `"nebari_stage"`.
 * @param options - Exclusions, the built-in plugins, the call's arguments and a signal.
 * @returns The plan, with every stage's plugin.
 * @throws {@link StageExcludePatternError} for an invalid pattern, before any hook runs.
 * @throws {@link PluginHookError} when a plugin's implementation throws, returns a non-array or
 *   is a wrapper.
 * @throws {@link StageDefinitionError} for an invalid stage, naming its plugin.
 * @throws {@link StageConflictError} for one name at one priority with two classes.
 * @throws {@link StageCycleError} when ordering constraints form a cycle.
 * @example
 * ```ts
 * import { collectStages, HookimplMarker, HookspecMarker, NebariStage, PluginManager } from "hooksmith";
 *
 * const hookspec = HookspecMarker("example");
 * const hookimpl = HookimplMarker("example");
 * class Hello extends NebariStage {
 *   static override stageName = "hello";
 *   static override priority = 10;
 * }
 *
 * const pm = new PluginManager("example");
 * pm.addHookspecs({ example_stage: hookspec({ argnames: [] })(() => []) });
 * const builtin = { example_stage: hookimpl(() => [Hello]) };
 * pm.register(builtin, "builtin-hello");
 *
 * const plan = await collectStages(pm, "example_stage", { builtins: [builtin] });
 * console.log(plan.order.map(({ name, contributor }) => `${name} from ${contributor.name} (${contributor.source})`));
 * // ["hello from builtin-hello (builtin)"]
 * ```
 */
export async function collectStages<Specs extends object>(
  manager: PluginManager<Specs>,
  hookName: string,
  options: CollectStagesOptions = {},
): Promise<CollectedStagePlan> {
  if (typeof hookName !== "string" || hookName === "") {
    throw new TypeError(`collectStages needs a hook name, got ${describeValue(hookName)}`);
  }
  // Patterns are checked before any plugin code runs.
  compileExcludePatterns(options.excludeStages);
  const builtins = new Set<object | string>(options.builtins ?? []);
  const isBuiltin = (name: string, plugin: object): boolean => builtins.has(plugin) || builtins.has(name);

  const calls = await callPerPlugin(manager, hookName, () => options.args ?? {}, { signal: options.signal });
  const contributors: StageContributor[] = [];
  const candidates: StageCandidateEntry[] = [];
  for (const { pluginName, plugin, results } of calls) {
    const stages: StageClass[] = [];
    for (const result of results) {
      if (!Array.isArray(result)) {
        const hint = typeof result === "function" ? ` (return [${result.name || "TheStage"}])` : "";
        throw new PluginHookError(
          `Plugin "${pluginName}" returned ${describeValue(result)} from hook "${hookName}", expected an array of stage classes${hint}`,
          { code: "HOOKSMITH_PLUGIN_HOOK_RESULT", pluginName, hookName, plugin },
        );
      }
      for (const stage of result as unknown[]) {
        assertStageClass(stage, { index: stages.length, source: pluginName });
        stages.push(stage);
      }
    }
    const record = getPluginRecord(manager, plugin);
    const source: StageContributorSource = isBuiltin(pluginName, plugin) ? "builtin" : (record?.source ?? "register");
    const contributor: StageContributor = Object.freeze({
      name: pluginName,
      plugin,
      source,
      record,
      stages: Object.freeze(stages),
    });
    contributors.push(contributor);
    for (const stage of stages) candidates.push({ stage, source: pluginName });
  }

  const excludeSources = [...(options.excludeSources ?? [])];
  if (options.excludeBuiltins === true) {
    for (const contributor of contributors) if (contributor.source === "builtin") excludeSources.push(contributor.name);
  }
  const plan = planStages(candidates, {
    ...(options.excludeStages === undefined ? {} : { excludeStages: options.excludeStages }),
    excludeSources,
  });

  const byName = new Map(contributors.map((contributor) => [contributor.name, contributor]));
  const converted = new Map<PlannedStage, CollectedStage>();
  const attach = (entry: PlannedStage): CollectedStage => {
    let collected = converted.get(entry);
    if (collected === undefined) {
      const contributor = byName.get(entry.source ?? "");
      if (contributor === undefined) throw new Error(`unreachable: no contributor for stage ${entry.name}`);
      collected = { ...entry, source: contributor.name, contributor };
      converted.set(entry, collected);
    }
    return collected;
  };
  const order = plan.order.map(attach);
  const shadowed = plan.shadowed.map((entry): CollectedShadowedStage => ({
    ...attach(entry),
    shadowedBy: attach(entry.shadowedBy),
  }));
  const excluded = plan.excluded.map((entry): CollectedExcludedStage => ({
    ...attach(entry),
    reason: entry.reason,
    ...(entry.pattern === undefined ? {} : { pattern: entry.pattern }),
  }));

  const warnings = [...plan.warnings];
  for (const [position, source] of (options.excludeSources ?? []).entries()) {
    if (candidates.some((candidate) => candidate.source === source)) continue;
    warnings.push(
      new StageWarning(
        "HOOKSMITH_UNMATCHED_EXCLUDE_SOURCE",
        `Stage source exclusion ${JSON.stringify(source)} (excludeSources[${position}]) matched no stage: no plugin of that name contributes stages through "${hookName}"`,
        { reference: source },
      ),
    );
  }

  return { hookName, stages: plan.stages, order, shadowed, excluded, warnings, contributors };
}
