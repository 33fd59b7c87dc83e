import { StageConfigConflictError } from "./errors.ts";
import { StageConfigError, type StageConfigIssue } from "./errors.ts";
import { StageDefinitionError } from "./errors.ts";
import { describeValue, messageOf } from "../core/describe.ts";
import { reportWarnings, StageWarning } from "./stage-warning.ts";
import { isStandardSchema, ownValue, runSchema, type SchemaOutcome, type StandardSchemaV1 } from "./standard-schema.ts";

/**
 * Something that owns part of a config: a stage class (its statics), or a host-side object of
 * the same shape for the keys the host itself owns.
 *
 * - `configKey`: the stage owns that top-level key and `inputSchema` validates `config[configKey]`
 *   (the section; `undefined` when absent, so a schema with a default fills it in);
 * - otherwise `inputSchema` validates the whole config (for sections that depend on each
 *   other) and `configKeys` lists the top-level keys it owns; with no `configKeys` it owns
 *   nothing and only checks.
 *
 * Declaring keys without an `inputSchema` claims them without validating, e.g. for a stage that
 * reads a section another stage validates.
 *
 * @example
 * ```ts
 * import type { StageConfigOwner } from "hooksmith";
 * import { z } from "zod";
 *
 * const host: StageConfigOwner = {
 *   stageName: "main",
 *   configKeys: ["project_name", "namespace"],
 *   inputSchema: z.object({ project_name: z.string(), namespace: z.string().default("dev") }),
 * };
 * ```
 */
export interface StageConfigOwner {
  /** The owner's name, used in issues (a stage's `stageName`). */
  readonly stageName: string;
  /** Validates the owner's part of the config. */
  readonly inputSchema?: StandardSchemaV1 | undefined;
  /** The one top-level key owned; the schema validates that section. */
  readonly configKey?: string | undefined;
  /** Without `configKey`: the top-level keys owned by a schema that sees the whole config. */
  readonly configKeys?: readonly string[] | undefined;
}

/**
 * What `validateStageConfig` does with a top-level key that no active stage owns (a removed
 * plugin's section, an excluded stage's section, a typo): `"error"` reports it as an issue,
 * `"warn"` (the default) keeps it and warns, `"ignore"` keeps it silently.
 *
 * @example
 * ```ts
 * import type { UnknownConfigKeyPolicy } from "hooksmith";
 *
 * const strict: UnknownConfigKeyPolicy = "error";
 * ```
 */
export type UnknownConfigKeyPolicy = "error" | "warn" | "ignore";

/**
 * Options of `validateStageConfig`.
 *
 * @example
 * ```ts
 * import type { ValidateStageConfigOptions } from "hooksmith";
 *
 * const options: ValidateStageConfigOptions = { unknownKeys: "error", knownKeys: ["project_name"] };
 * ```
 */
export interface ValidateStageConfigOptions {
  /** What to do with top-level keys no active stage owns; default `"warn"`. */
  readonly unknownKeys?: UnknownConfigKeyPolicy;
  /** Top-level keys the host owns and validates itself; never reported. */
  readonly knownKeys?: readonly string[];
  /** Receives the warnings; default `process.emitWarning`. */
  readonly warn?: (warning: Error) => void;
}

/**
 * The outcome of `validateStageConfig`.
 *
 * @example
 * ```ts
 * import { validateStageConfig } from "hooksmith";
 *
 * const { config, warnings } = await validateStageConfig(stages, rawConfig, { warn: () => {} });
 * ```
 */
export interface StageConfigResult {
  /**
   * A shallow copy of the input with each owned key replaced by its schema's output (defaults
   * filled in, transforms applied); unowned keys are kept as they are. Top-level keys that a
   * whole-config schema adds to its output (computed values, e.g. Nebari's
   * `escaped_project_name`) are kept too, when the input has no such key and no one owns it.
   */
  readonly config: Record<string, unknown>;
  /** Unowned keys, under the `"warn"` policy. */
  readonly warnings: readonly StageWarning[];
}

/** One schema run: a section under one key, or the whole config. */
type Unit =
  | { readonly mode: "section"; readonly stage: string; readonly schema: StandardSchemaV1; readonly key: string }
  | { readonly mode: "root"; readonly stage: string; readonly schema: StandardSchemaV1; readonly keys: readonly string[] };

/**
 * Validates a config against the `inputSchema`s of the active stages, and applies the policy
 * for top-level keys no active stage owns.
 *
 * Each stage owns the top-level keys it declares (`static configKey`, or `static configKeys`
 * for a schema that sees the whole config; see {@link StageConfigOwner}). Every schema runs,
 * in stage order, and every issue is collected with the stage that reported it and its path
 * from the top-level key down, so one error lists everything wrong. Two stages validating the
 * same key with different schemas is a `StageConfigConflictError`; stages sharing one schema
 * object for a key validate it once. Keys owned by no active stage follow `unknownKeys`, so
 * excluding a stage or removing a plugin leaves its section a warning rather than a broken
 * config. Pass the stages that will run (after `resolveStages`), plus, if the host owns keys
 * of its own, an owner object for them or `knownKeys`.
 *
 * @param stages - The active stage classes (or other config owners), in run order.
 * @param config - The raw config, e.g. parsed YAML.
 * @param options - `unknownKeys`, `knownKeys`, `warn`.
 * @returns The validated config and the warnings.
 * @throws {@link StageConfigError} listing every issue.
 * @throws {@link StageConfigConflictError} when two stages validate one key differently.
 * @throws {@link StageDefinitionError} for a malformed owner (bad `configKey`, not a schema…).
 * @example
 * ```ts
 * import { NebariStage, validateStageConfig } from "hooksmith";
 * import { z } from "zod";
 *
 * class MlflowStage extends NebariStage {
 *   static stageName = "mlflow";
 *   static priority = 102;
 *   static configKey = "mlflow";
 *   static inputSchema = z.object({ enabled: z.boolean().default(false) }).default({ enabled: false });
 * }
 *
 * const { config } = await validateStageConfig([MlflowStage], { project_name: "demo" }, { knownKeys: ["project_name"] });
 * // config.mlflow is { enabled: false }
 * ```
 */
export async function validateStageConfig(
  stages: readonly StageConfigOwner[],
  config: unknown,
  options: ValidateStageConfigOptions = {},
): Promise<StageConfigResult> {
  const units = planUnits(stages);
  const claimed = new Set<string>(options.knownKeys ?? []);
  for (const owner of stages) {
    if (owner.configKey !== undefined) claimed.add(owner.configKey);
    for (const key of owner.configKeys ?? []) claimed.add(key);
  }

  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new StageConfigError([
      { stage: undefined, path: [], message: `the config must be an object, got ${describeValue(config)}` },
    ]);
  }
  const input = config as Record<string, unknown>;
  const output: Record<string, unknown> = { ...input };
  const issues: StageConfigIssue[] = [];

  const causes: unknown[] = [];
  const computedBy = new Map<string, string>();
  for (const unit of units) {
    const value = unit.mode === "section" ? ownValue(input, unit.key) : input;
    const prefix = unit.mode === "section" ? [unit.key] : [];
    let outcome: SchemaOutcome;
    try {
      outcome = await runSchema(unit.schema, value);
    } catch (error) {
      // A schema that throws (or overflows the stack on a deep value) is an issue of its stage.
      issues.push({ stage: unit.stage, path: prefix, message: `its inputSchema threw: ${messageOf(error)}` });
      causes.push(error);
      continue;
    }
    if (!outcome.ok) {
      for (const issue of outcome.issues)
        issues.push({ stage: unit.stage, path: [...prefix, ...issue.path], message: issue.message });
      continue;
    }
    if (unit.mode === "section") {
      if (outcome.value !== undefined || Object.hasOwn(input, unit.key)) setOwn(output, unit.key, outcome.value);
      continue;
    }
    const result = outcome.value;
    if (typeof result !== "object" || result === null) continue;
    for (const key of unit.keys) if (Object.hasOwn(result, key)) setOwn(output, key, ownValue(result, key));
    // A key the schema computed (Nebari's `escaped_project_name`), absent from the input and
    // owned by nobody, belongs to the stage that computed it: keep it.
    for (const key of Object.keys(result)) {
      if (Object.hasOwn(input, key) || claimed.has(key) || unit.keys.includes(key)) continue;
      const other = computedBy.get(key);
      if (other !== undefined && other !== unit.stage) {
        issues.push({
          stage: unit.stage,
          path: [key],
          message: `this key is also computed by the inputSchema of stage ${JSON.stringify(other)}; let one stage own it (configKeys)`,
        });
        continue;
      }
      computedBy.set(key, unit.stage);
      setOwn(output, key, ownValue(result, key));
    }
  }

  const warnings: StageWarning[] = [];
  const policy = options.unknownKeys ?? "warn";
  for (const key of Object.keys(input)) {
    if (claimed.has(key) || policy === "ignore") continue;
    if (policy === "error") {
      issues.push({
        stage: undefined,
        path: [key],
        message: "no active stage owns this key (is its plugin missing, or its stage excluded?)",
      });
    } else {
      warnings.push(
        new StageWarning(
          "HOOKSMITH_UNKNOWN_CONFIG_KEY",
          `Config key ${JSON.stringify(key)} is owned by no active stage; it is kept as it is, without validation`,
          { reference: key },
        ),
      );
    }
  }
  if (issues.length > 0)
    throw new StageConfigError(
      issues,
      causes.length === 1 ? causes[0] : causes.length > 1 ? new AggregateError(causes) : undefined,
    );
  reportWarnings(warnings, options.warn);
  return { config: output, warnings };
}

/**
 * Checks the owners and turns them into schema runs, one per distinct schema and key.
 *
 * @param stages - The owners.
 * @returns The schema runs, in owner order.
 */
function planUnits(stages: readonly StageConfigOwner[]): Unit[] {
  if (!Array.isArray(stages)) {
    throw new StageDefinitionError(stages, `expected an array of stage classes, got ${describeValue(stages)}`, {
      subject: "list passed to validateStageConfig",
    });
  }
  const units: Unit[] = [];
  const validators = new Map<string, string>();
  for (const [index, owner] of stages.entries()) {
    assertOwner(owner, index);
    const { stageName: stage, inputSchema: schema, configKey } = owner;
    if (schema === undefined) continue;
    const keys = configKey !== undefined ? [configKey] : [...(owner.configKeys ?? [])];
    const target = configKey !== undefined ? `section:${configKey}` : `root:${JSON.stringify([...keys].sort())}`;
    // Stages sharing one schema object for the same keys validate them once.
    if (units.some((unit) => unit.schema === schema && targetOf(unit) === target)) continue;
    for (const key of keys) {
      const other = validators.get(key);
      if (other !== undefined) throw new StageConfigConflictError(key, [other, stage]);
      validators.set(key, stage);
    }
    units.push(
      configKey !== undefined ? { mode: "section", stage, schema, key: configKey } : { mode: "root", stage, schema, keys },
    );
  }
  return units;
}

/**
 * Tells which part of the config a schema run validates, to spot shared schemas.
 *
 * @param unit - A schema run.
 * @returns A key such as `section:mlflow`.
 */
function targetOf(unit: Unit): string {
  return unit.mode === "section" ? `section:${unit.key}` : `root:${JSON.stringify([...unit.keys].sort())}`;
}

/**
 * Checks the config-related statics of one owner.
 *
 * @param owner - A stage class or owner object.
 * @param index - Its position, for messages.
 */
function assertOwner(owner: unknown, index: number): asserts owner is StageConfigOwner {
  const fail = (problem: string, property?: string): never => {
    throw new StageDefinitionError(owner, problem, { index, property });
  };
  if ((typeof owner !== "function" && typeof owner !== "object") || owner === null) {
    fail(`expected a stage class or a config owner, got ${describeValue(owner)}`);
  }
  const { stageName, inputSchema, configKey, configKeys } = owner as Record<string, unknown>;
  if (typeof stageName !== "string" || stageName === "")
    fail(`stageName must be a non-empty string, got ${describeValue(stageName)}`, "stageName");
  if (inputSchema !== undefined && !isStandardSchema(inputSchema)) {
    fail(
      `inputSchema must be a Standard Schema validator (zod, valibot, arktype…), got ${describeValue(inputSchema)}`,
      "inputSchema",
    );
  }
  if (configKey !== undefined && (typeof configKey !== "string" || configKey === "")) {
    fail(`configKey must be a non-empty string, got ${describeValue(configKey)}`, "configKey");
  }
  if (configKeys !== undefined) {
    if (configKey !== undefined) fail("declare either configKey or configKeys, not both", "configKeys");
    if (!Array.isArray(configKeys) || configKeys.some((key) => typeof key !== "string" || key === "")) {
      fail(`configKeys must be an array of non-empty strings, got ${describeValue(configKeys)}`, "configKeys");
    }
  }
}

/**
 * Sets an own enumerable property, even for the key `__proto__` (an assignment would replace
 * the object's prototype instead).
 *
 * @param object - The object.
 * @param key - A user-given key.
 * @param value - The value.
 */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}
