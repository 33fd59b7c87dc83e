import { HooksmithError } from "./hooksmith-error.ts";

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
export class StageCycleError extends HooksmithError {
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
