import { StageDefinitionError } from "./errors.ts";
import { type StageOrigin } from "./describe.ts";
import { describeValue, messageOf } from "../core/describe.ts";
import type { StageClass } from "./stage-types.ts";
import { isStandardSchema } from "./standard-schema.ts";

/**
 * What a stage name looks like: a letter or a digit, then letters, digits, `_`, `-` and `.`, at
 * most 128 characters. It admits Nebari's names (`01-terraform-state`, `hello_world`,
 * `10-kubernetes-kuberhealthy`) and refuses `__proto__`, paths and whitespace.
 *
 * @internal
 */
export const STAGE_NAME_PATTERN: RegExp = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** The rule of {@link STAGE_NAME_PATTERN}, as error messages state it. */
const STAGE_NAME_RULE =
  'must start with a letter or a digit and contain only letters, digits, "_", "-" and "." (at most 128 characters)';

/**
 * Checks that a value is a valid stage class, and narrows it.
 *
 * A valid stage class is a class (a constructor with a prototype, not an arrow function) whose
 * `stageName` is a valid stage name (a letter or a digit, then letters, digits, `_`, `-` and
 * `.`, at most 128 characters: `01-terraform-state` and `hello_world` are fine, `__proto__` is
 * not) and whose `priority` is a finite number; `after`, `before`
 * and `configKeys` are arrays of non-empty strings when present, `configKey` a non-empty
 * string, and `inputSchema` / `outputSchema` Standard Schema validators. Statics may be
 * inherited, so a subclass that only raises the priority of a stage keeps its name.
 *
 * `resolveStages`, `planStages` and the flows run this on every stage they get; a host that
 * collects stages from plugins can run it earlier, passing where each one came from.
 *
 * @param value - The value given as a stage.
 * @param origin - Its position in the input and its plugin, used in the error message.
 * @throws {@link StageDefinitionError} naming the stage, its origin and the property at fault.
 * @example
 * ```ts
 * import { assertStageClass } from "hooksmith";
 *
 * for (const [index, stage] of contributed.entries()) assertStageClass(stage, { index, source: "my-plugin" });
 * ```
 */
export function assertStageClass(value: unknown, origin: StageOrigin = {}): asserts value is StageClass {
  const fail = (problem: string, property?: string): never => {
    throw new StageDefinitionError(value, problem, { ...origin, property });
  };
  if (typeof value !== "function" || typeof value.prototype !== "object" || value.prototype === null) {
    fail(`expected a stage class (a class extending NebariStage), got ${describeValue(value)}`);
  }
  const statics = value as unknown as Record<string, unknown>;
  // A static may be a getter, and a plugin's getter may throw: read each one once, naming it.
  const read = (property: string): unknown => {
    try {
      return statics[property];
    } catch (error) {
      throw new StageDefinitionError(value, `reading ${property} threw: ${messageOf(error)}`, { ...origin, property }, error);
    }
  };
  const stageName = read("stageName");
  const priority = read("priority");
  if (typeof stageName !== "string" || stageName === "") {
    fail(`stageName must be a non-empty string, got ${describeValue(stageName)}`, "stageName");
  }
  if (!STAGE_NAME_PATTERN.test(stageName as string)) {
    fail(`stageName ${STAGE_NAME_RULE}, got ${describeValue(stageName)}`, "stageName");
  }
  if (typeof priority !== "number" || !Number.isFinite(priority)) {
    fail(`priority must be a finite number, got ${describeValue(priority)}`, "priority");
  }
  for (const property of ["after", "before", "configKeys"] as const) {
    const list = read(property);
    if (list === undefined) continue;
    if (!Array.isArray(list)) fail(`${property} must be an array of stage names, got ${describeValue(list)}`, property);
    for (const [position, entry] of (list as unknown[]).entries()) {
      if (typeof entry !== "string" || entry === "") {
        fail(`${property}[${position}] must be a non-empty string, got ${describeValue(entry)}`, property);
      }
    }
  }
  const configKey = read("configKey");
  if (configKey !== undefined && (typeof configKey !== "string" || configKey === "")) {
    fail(`configKey must be a non-empty string, got ${describeValue(configKey)}`, "configKey");
  }
  if (configKey !== undefined && read("configKeys") !== undefined) {
    fail(
      "declare either configKey (the schema validates that section) or configKeys (the schema validates the whole config), not both",
      "configKeys",
    );
  }
  for (const property of ["inputSchema", "outputSchema"] as const) {
    const schema = read(property);
    if (schema !== undefined && !isStandardSchema(schema)) {
      fail(`${property} must be a Standard Schema validator (zod, valibot, arktype…), got ${describeValue(schema)}`, property);
    }
  }
}

/**
 * Validates the stage list a flow gets: every entry a valid stage class, names unique. Internal.
 *
 * @param stages - The list given to the flow.
 * @param flow - The flow's function name, for messages.
 * @returns The list, typed.
 */
export function assertStageList(stages: unknown, flow: string): readonly StageClass[] {
  if (!Array.isArray(stages)) {
    throw new StageDefinitionError(stages, `expected an array of stage classes, got ${describeValue(stages)}`, {
      subject: `list passed to ${flow}`,
    });
  }
  const seen = new Map<string, number>();
  for (const [index, stage] of stages.entries()) {
    assertStageClass(stage, { index });
    const earlier = seen.get(stage.stageName);
    if (earlier !== undefined) {
      throw new StageDefinitionError(
        stage,
        `the name is also used by the stage at index ${earlier}; ${flow} needs unique names (pass the list through resolveStages first)`,
        { index, property: "stageName" },
      );
    }
    seen.set(stage.stageName, index);
  }
  return stages as readonly StageClass[];
}
