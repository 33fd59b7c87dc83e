import { formatPath } from "../stages/standard-schema.ts";
import { HooksmithError } from "./hooksmith-error.ts";

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
export class StageConfigError extends HooksmithError {
  /** The error class name, `"StageConfigError"` (printed by `toString()` and in stack traces). */
  override name: string = "StageConfigError";
  /** Every issue found, in stage order, then unowned keys. */
  readonly issues: readonly StageConfigIssue[];

  /**
   * @param issues - The issues found (at least one).
   */
  constructor(issues: readonly StageConfigIssue[]) {
    const count = issues.length === 1 ? "1 issue" : `${issues.length} issues`;
    super(`Invalid config (${count}):\n${issues.map((issue) => `  - ${formatIssue(issue)}`).join("\n")}`, {
      code: "HOOKSMITH_INVALID_CONFIG",
    });
    this.issues = issues;
  }
}
