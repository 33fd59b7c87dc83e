import { StageConflictError } from "./errors.ts";
import { StageCycleError } from "./errors.ts";
import { StageDefinitionError } from "./errors.ts";
import { describeName, describeValue } from "../core/describe.ts";
import { compileExcludePatterns } from "./exclude-patterns.ts";
import { assertStageClass } from "./stage-definition.ts";
import type { StageClass } from "./stage-types.ts";
import { StageWarning } from "./stage-warning.ts";

/**
 * A stage class together with the plugin (or other source) that contributed it, so that
 * errors and plans can name it.
 *
 * @example
 * ```ts
 * import { planStages, type StageCandidateEntry } from "hooksmith";
 *
 * const candidates: StageCandidateEntry[] = [{ stage: HelloWorldStage, source: "hello-plugin" }];
 * const plan = planStages(candidates);
 * ```
 */
export interface StageCandidateEntry {
  /** The stage class. */
  readonly stage: StageClass;
  /** The plugin (or other source) that contributed it. */
  readonly source?: string;
}

/**
 * An entry of the list given to `resolveStages` / `planStages`: a stage class, or a class with
 * its source.
 *
 * @example
 * ```ts
 * import type { StageCandidate } from "hooksmith";
 *
 * const candidates: StageCandidate[] = [HelloWorldStage, { stage: OtherStage, source: "other-plugin" }];
 * ```
 */
export type StageCandidate = StageClass | StageCandidateEntry;

/**
 * A candidate stage as the plan sees it.
 *
 * @example
 * ```ts
 * import { planStages } from "hooksmith";
 *
 * for (const { name, priority, source } of planStages(stages).order) console.log(name, priority, source ?? "-");
 * ```
 */
export interface PlannedStage {
  /** The stage class. */
  readonly stage: StageClass;
  /** Its `stageName`. */
  readonly name: string;
  /** Its `priority`. */
  readonly priority: number;
  /** Its position in the candidate list. */
  readonly index: number;
  /** The plugin (or other source) that contributed it, when given. */
  readonly source?: string;
}

/**
 * A candidate that lost to another of the same name (a higher priority, or the same class
 * given twice).
 *
 * @example
 * ```ts
 * import { planStages } from "hooksmith";
 *
 * for (const loser of planStages(stages).shadowed) console.log(`${loser.name}@${loser.priority} lost to @${loser.shadowedBy.priority}`);
 * ```
 */
export interface ShadowedStage extends PlannedStage {
  /** The candidate that won. */
  readonly shadowedBy: PlannedStage;
}

/**
 * A candidate left out on purpose: a winner whose name matched an `excludeStages` pattern, or
 * any candidate of a source listed in `excludeSources`.
 *
 * @example
 * ```ts
 * import { planStages } from "hooksmith";
 *
 * for (const { name, pattern } of planStages(stages, { excludeStages: [".*infra.*"] }).excluded) console.log(name, pattern);
 * ```
 */
export interface ExcludedStage extends PlannedStage {
  /** `"pattern"`: its name matched `excludeStages`; `"source"`: its source is in `excludeSources`. */
  readonly reason: "pattern" | "source";
  /** For `reason: "pattern"`: the first pattern that matched its name. */
  readonly pattern?: string | RegExp;
}

/**
 * The outcome of `planStages`: what runs, in which order, and why the other candidates do not.
 *
 * @example
 * ```ts
 * import { planStages } from "hooksmith";
 *
 * const plan = planStages(stages, { excludeStages: ["10-.*"] });
 * console.table(plan.order.map(({ name, priority, source }) => ({ name, priority, source })));
 * ```
 */
export interface StagePlan {
  /** The stage classes to run, in run order (what `resolveStages` returns). */
  readonly stages: StageClass[];
  /** The same stages with their name, priority, position and source. */
  readonly order: readonly PlannedStage[];
  /** Candidates that lost to another of the same name, in candidate order. */
  readonly shadowed: readonly ShadowedStage[];
  /** Candidates removed by `excludeSources` or (winners only) `excludeStages`, in candidate order. */
  readonly excluded: readonly ExcludedStage[];
  /** Suspicious but allowed input: unmatched patterns, unknown ordering references. */
  readonly warnings: readonly StageWarning[];
}

/**
 * Options of `planStages` (and `resolveStages`).
 *
 * @example
 * ```ts
 * import type { PlanStagesOptions } from "hooksmith";
 *
 * const options: PlanStagesOptions = { excludeStages: [".*kuberhealthy.*", /^bootstrap$/] };
 * ```
 */
export interface PlanStagesOptions {
  /**
   * Stages to leave out, by name. A string is a regular expression that must match the whole
   * name (`"infra"` does not exclude `"02-infrastructure"`, `".*infra.*"` does); a `RegExp` is
   * used as it is (unanchored unless it anchors itself). Any match excludes.
   */
  readonly excludeStages?: readonly (string | RegExp)[];
  /**
   * Sources whose stages are left out entirely, before deduplication, as if those plugins were
   * not installed (e.g. a host's built-in stages, to implement "exclude the default stages"
   * even when they are loaded). Matches the `source` of `{ stage, source }` candidates.
   */
  readonly excludeSources?: readonly string[];
}

/**
 * Computes the run plan of a list of candidate stages: the stages to run in order, the
 * candidates shadowed by a stage of the same name, the stages excluded, and warnings.
 *
 * The rules, in this order:
 * 1. Every `excludeStages` pattern is compiled; an invalid one throws before anything else.
 * 2. Every candidate is validated (a class, non-empty `stageName`, finite `priority`, …). With
 *    sources given, one source contributing two stages of one name is an error. Candidates of
 *    a source in `excludeSources` are then left out.
 * 3. Of the candidates sharing a name, the one with the highest priority wins and runs at its
 *    own priority; the others are `shadowed`. Two *different* classes sharing the name and the
 *    highest priority throw `StageConflictError`; the same class given twice is kept once.
 * 4. Exclusion runs on the winners: an excluded name is gone, with no fallback to a shadowed
 *    stage of that name.
 * 5. The remaining stages run by ascending priority, ties in candidate order, except where
 *    `static after` / `static before` say otherwise: those constraints (on stages that run)
 *    are honoured first, priority then candidate order break the remaining ties. A cycle throws
 *    `StageCycleError`.
 *
 * Warnings (returned, not emitted): a pattern that matched no candidate, an `after` / `before`
 * entry naming no candidate.
 *
 * @param candidates - Stage classes, or `{ stage, source }` entries, in registration order.
 * @param options - `excludeStages`, `excludeSources`.
 * @returns The plan.
 * @throws {@link StageExcludePatternError} for an invalid pattern.
 * @throws {@link StageDefinitionError} for an invalid stage, or a source naming two stages alike.
 * @throws {@link StageConflictError} for one name at one priority with two classes.
 * @throws {@link StageCycleError} when ordering constraints form a cycle.
 * @example
 * ```ts
 * import { planStages } from "hooksmith";
 *
 * const plan = planStages([{ stage: Infra, source: "builtin" }, { stage: MyInfra, source: "my-plugin" }], {
 *   excludeStages: [".*kuberhealthy.*"],
 * });
 * console.log(plan.order.map((s) => s.name), plan.shadowed, plan.excluded, plan.warnings);
 * ```
 */
export function planStages(candidates: readonly StageCandidate[], options: PlanStagesOptions = {}): StagePlan {
  const patterns = compileExcludePatterns(options.excludeStages);
  const entries = normalizeCandidates(candidates);
  const excludedSources = new Set(options.excludeSources ?? []);
  const knownNames = new Set(entries.map((entry) => entry.name));

  const excluded: ExcludedStage[] = [];
  const groups = new Map<string, PlannedStage[]>();
  for (const entry of entries) {
    if (entry.source !== undefined && excludedSources.has(entry.source)) {
      excluded.push({ ...entry, reason: "source" });
      continue;
    }
    const group = groups.get(entry.name);
    if (group === undefined) groups.set(entry.name, [entry]);
    else group.push(entry);
  }

  const winners: PlannedStage[] = [];
  const shadowed: ShadowedStage[] = [];
  for (const group of groups.values()) {
    const winner = pickWinner(group);
    winners.push(winner);
    for (const entry of group) if (entry !== winner) shadowed.push({ ...entry, shadowedBy: winner });
  }
  shadowed.sort((a, b) => a.index - b.index);
  winners.sort((a, b) => a.index - b.index);

  const matchedPatterns = new Set<number>();
  const kept: PlannedStage[] = [];
  for (const winner of winners) {
    let pattern: string | RegExp | undefined;
    for (const [position, compiled] of patterns.entries()) {
      if (!compiled.matches(winner.name)) continue;
      matchedPatterns.add(position);
      pattern ??= compiled.pattern;
    }
    if (pattern === undefined) kept.push(winner);
    else excluded.push({ ...winner, reason: "pattern", pattern });
  }
  excluded.sort((a, b) => a.index - b.index);

  const warnings: StageWarning[] = [];
  for (const [position, compiled] of patterns.entries()) {
    if (matchedPatterns.has(position)) continue;
    const hint =
      typeof compiled.pattern === "string"
        ? ` (a pattern must match the whole name: did you mean ".*${compiled.pattern}.*"?)`
        : "";
    warnings.push(
      new StageWarning(
        "HOOKSMITH_UNMATCHED_EXCLUDE_PATTERN",
        `Stage exclusion pattern ${describeName(compiled.pattern)} (excludeStages[${position}]) matched no stage${hint}`,
        { pattern: compiled.pattern },
      ),
    );
  }

  const order = orderStages(kept, knownNames, warnings);
  return { stages: order.map((entry) => entry.stage), order, shadowed, excluded, warnings };
}

/**
 * Validates the candidates and gives each its name, priority, index and source.
 *
 * @param candidates - The input list.
 * @returns One entry per candidate, in input order.
 */
function normalizeCandidates(candidates: readonly StageCandidate[]): PlannedStage[] {
  if (!Array.isArray(candidates)) {
    throw new StageDefinitionError(candidates, `expected an array of stage classes, got ${describeValue(candidates)}`, {
      subject: "list",
    });
  }
  const bySource = new Map<string, Map<string, number>>();
  return candidates.map((candidate: unknown, index): PlannedStage => {
    let stage: unknown = candidate;
    let source: unknown;
    if (typeof candidate === "object" && candidate !== null && "stage" in candidate) {
      ({ stage, source } = candidate as { stage: unknown; source?: unknown });
    }
    if (source !== undefined && typeof source !== "string") {
      throw new StageDefinitionError(stage, `source must be a string, got ${describeValue(source)}`, { index });
    }
    assertStageClass(stage, { index, source });
    const entry: PlannedStage = {
      stage,
      name: stage.stageName,
      priority: stage.priority,
      index,
      ...(source === undefined ? {} : { source }),
    };
    if (source !== undefined) {
      const names = bySource.get(source) ?? new Map<string, number>();
      bySource.set(source, names);
      const earlier = names.get(entry.name);
      if (earlier !== undefined) {
        throw new StageDefinitionError(
          stage,
          `plugin ${JSON.stringify(source)} contributes two stages named ${JSON.stringify(entry.name)} (index ${earlier} and ${index}); names must be unique within one plugin`,
          { index, source, property: "stageName" },
        );
      }
      names.set(entry.name, index);
    }
    return entry;
  });
}

/**
 * Picks the winner among candidates of one name: the highest priority; the same class twice is
 * one; two classes at the top priority conflict.
 *
 * @param group - Candidates of one name, in input order.
 * @returns The winner.
 */
function pickWinner(group: readonly PlannedStage[]): PlannedStage {
  let winner: PlannedStage | undefined;
  for (const entry of group) {
    if (winner === undefined || entry.priority > winner.priority) winner = entry;
  }
  if (winner === undefined) throw new Error("unreachable: empty stage group");
  for (const entry of group) {
    if (entry !== winner && entry.priority === winner.priority && entry.stage !== winner.stage) {
      const [first, second] = entry.index < winner.index ? [entry, winner] : [winner, entry];
      throw new StageConflictError(first, second);
    }
  }
  return winner;
}

/**
 * Orders the stages that run: `after` / `before` constraints first, then ascending priority,
 * then input order (Kahn's algorithm, always taking the smallest ready stage).
 *
 * @param kept - The stages that run, in input order.
 * @param knownNames - Every candidate's name, to tell unknown references from excluded ones.
 * @param warnings - Receives a warning per unknown reference.
 * @returns The stages in run order.
 */
function orderStages(kept: readonly PlannedStage[], knownNames: ReadonlySet<string>, warnings: StageWarning[]): PlannedStage[] {
  const byName = new Map(kept.map((entry) => [entry.name, entry]));
  const successors = new Map<PlannedStage, Set<PlannedStage>>(kept.map((entry) => [entry, new Set()]));
  const predecessors = new Map<PlannedStage, Set<PlannedStage>>(kept.map((entry) => [entry, new Set()]));
  const link = (from: PlannedStage, to: PlannedStage): void => {
    successors.get(from)?.add(to);
    predecessors.get(to)?.add(from);
  };
  for (const entry of kept) {
    for (const direction of ["after", "before"] as const) {
      for (const reference of entry.stage[direction] ?? []) {
        const other = byName.get(reference);
        if (other !== undefined) {
          if (direction === "after") link(other, entry);
          else link(entry, other);
        } else if (!knownNames.has(reference)) {
          warnings.push(
            new StageWarning(
              "HOOKSMITH_UNKNOWN_STAGE_REFERENCE",
              `Stage ${JSON.stringify(entry.name)} declares ${direction}: ${JSON.stringify(reference)}, but no stage has that name; the constraint is ignored`,
              { stage: entry.name, reference },
            ),
          );
        }
      }
    }
  }

  const rank = (a: PlannedStage, b: PlannedStage): number => a.priority - b.priority || a.index - b.index;
  const pending = new Map(kept.map((entry) => [entry, predecessors.get(entry)?.size ?? 0]));
  const order: PlannedStage[] = [];
  while (pending.size > 0) {
    let next: PlannedStage | undefined;
    for (const [entry, count] of pending) {
      if (count === 0 && (next === undefined || rank(entry, next) < 0)) next = entry;
    }
    if (next === undefined) throw new StageCycleError(findCycle(pending, predecessors, rank));
    pending.delete(next);
    order.push(next);
    for (const successor of successors.get(next) ?? []) {
      const count = pending.get(successor);
      if (count !== undefined) pending.set(successor, count - 1);
    }
  }
  return order;
}

/**
 * Finds one cycle among the stages Kahn's algorithm could not order: each of them still has a
 * pending predecessor, so walking predecessors must come back to a stage already seen.
 *
 * @param pending - The unordered stages.
 * @param predecessors - Each stage's predecessors.
 * @param rank - The tie-break order, to make the reported cycle deterministic.
 * @returns Stage names along the cycle in run direction, the first repeated at the end.
 */
function findCycle(
  pending: ReadonlyMap<PlannedStage, number>,
  predecessors: ReadonlyMap<PlannedStage, ReadonlySet<PlannedStage>>,
  rank: (a: PlannedStage, b: PlannedStage) => number,
): string[] {
  const smallest = (entries: Iterable<PlannedStage>): PlannedStage | undefined => {
    let best: PlannedStage | undefined;
    for (const entry of entries) if (pending.has(entry) && (best === undefined || rank(entry, best) < 0)) best = entry;
    return best;
  };
  const walk: PlannedStage[] = [];
  let current = smallest(pending.keys());
  while (current !== undefined && !walk.includes(current)) {
    walk.push(current);
    current = smallest(predecessors.get(current) ?? []);
  }
  if (current === undefined) throw new Error("unreachable: no cycle among unordered stages");
  // `walk` goes against the edges; the cycle is the part from the repeated stage on, reversed.
  const cycle = walk.slice(walk.indexOf(current)).reverse();
  const start = cycle.indexOf(smallest(cycle) ?? current);
  const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
  return [...rotated, rotated[0] ?? current].map((entry) => entry.name);
}
