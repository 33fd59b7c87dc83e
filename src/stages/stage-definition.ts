import { StageDefinitionError } from "./errors.ts";
import { type StageOrigin } from "./describe.ts";
import { describeValue } from "../core/describe.ts";
import type { StageClass } from "./stage-types.ts";
import { isStandardSchema } from "./standard-schema.ts";

/**
 * Checks that a value is a valid stage class, and narrows it.
 *
 * A valid stage class is a class (a constructor with a prototype, not an arrow function) whose
 * `stageName` is a non-empty string and whose `priority` is a finite number; `after`, `before`
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
  const { stageName, priority } = statics;
  if (typeof stageName !== "string" || stageName === "") {
    fail(`stageName must be a non-empty string, got ${describeValue(stageName)}`, "stageName");
  }
  if (typeof priority !== "number" || !Number.isFinite(priority)) {
    fail(`priority must be a finite number, got ${describeValue(priority)}`, "priority");
  }
  for (const property of ["after", "before", "configKeys"] as const) {
    const list = statics[property];
    if (list === undefined) continue;
    if (!Array.isArray(list)) fail(`${property} must be an array of stage names, got ${describeValue(list)}`, property);
    for (const [position, entry] of (list as unknown[]).entries()) {
      if (typeof entry !== "string" || entry === "") {
        fail(`${property}[${position}] must be a non-empty string, got ${describeValue(entry)}`, property);
      }
    }
  }
  const { configKey } = statics;
  if (configKey !== undefined && (typeof configKey !== "string" || configKey === "")) {
    fail(`configKey must be a non-empty string, got ${describeValue(configKey)}`, "configKey");
  }
  if (configKey !== undefined && statics["configKeys"] !== undefined) {
    fail(
      "declare either configKey (the schema validates that section) or configKeys (the schema validates the whole config), not both",
      "configKeys",
    );
  }
  for (const property of ["inputSchema", "outputSchema"] as const) {
    const schema = statics[property];
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
