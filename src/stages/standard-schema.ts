// The Standard Schema v1 interface (https://standardschema.dev), written out here so that hooksmith
// has no runtime or type dependency on any schema library. zod, valibot, arktype and others
// implement it; any value with a conforming `~standard` property works.

/**
 * A validator that follows the Standard Schema v1 interface, as zod 4, valibot 1 and arktype
 * implement it.
 *
 * hooksmith uses it for a stage's `static inputSchema` (its part of the config) and
 * `static outputSchema` (what it puts into `stageOutputs`). Nothing from a schema library is
 * imported: any value with a conforming `~standard` property is accepted.
 *
 * @example
 * ```ts
 * import type { StandardSchemaV1 } from "hooksmith";
 * import { z } from "zod";
 *
 * const schema: StandardSchemaV1<{ enabled?: boolean }, { enabled: boolean }> = z.object({
 *   enabled: z.boolean().default(false),
 * });
 * ```
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly "~standard": StandardSchemaV1Props<Input, Output>;
}

/**
 * The `~standard` property of a {@link StandardSchemaV1} validator.
 *
 * @example
 * ```ts
 * import type { StandardSchemaV1Props } from "hooksmith";
 *
 * const props: StandardSchemaV1Props<string> = {
 *   version: 1,
 *   vendor: "example",
 *   validate: (value) =>
 *     typeof value === "string" ? { value } : { issues: [{ message: "Expected a string" }] },
 * };
 * ```
 */
export interface StandardSchemaV1Props<Input = unknown, Output = Input> {
  /** The version of the standard, always `1`. */
  readonly version: 1;
  /** The name of the schema library. */
  readonly vendor: string;
  /** Validates an unknown value; may be synchronous or return a promise. */
  readonly validate: (
    value: unknown,
    options?: StandardSchemaV1Options | undefined,
  ) => StandardSchemaV1Result<Output> | Promise<StandardSchemaV1Result<Output>>;
  /** The input and output types, for type inference only (never set at runtime). */
  readonly types?: StandardSchemaV1Types<Input, Output> | undefined;
}

/**
 * Options a caller may pass to a Standard Schema `validate` function.
 *
 * @example
 * ```ts
 * import type { StandardSchemaV1Options } from "hooksmith";
 *
 * const options: StandardSchemaV1Options = { libraryOptions: { abortEarly: true } };
 * ```
 */
export interface StandardSchemaV1Options {
  /** Vendor-specific parameters. */
  readonly libraryOptions?: Record<string, unknown> | undefined;
}

/**
 * The result of a Standard Schema `validate` call: a value, or a list of issues.
 *
 * @example
 * ```ts
 * import type { StandardSchemaV1Result } from "hooksmith";
 *
 * const ok: StandardSchemaV1Result<number> = { value: 1 };
 * const failed: StandardSchemaV1Result<number> = { issues: [{ message: "Expected a number" }] };
 * ```
 */
export type StandardSchemaV1Result<Output> = StandardSchemaV1SuccessResult<Output> | StandardSchemaV1FailureResult;

/**
 * A successful Standard Schema result.
 *
 * @example
 * ```ts
 * import type { StandardSchemaV1SuccessResult } from "hooksmith";
 *
 * const ok: StandardSchemaV1SuccessResult<string> = { value: "hello" };
 * ```
 */
export interface StandardSchemaV1SuccessResult<Output> {
  /** The validated (and possibly transformed) value. */
  readonly value: Output;
  /** Absent on success. */
  readonly issues?: undefined;
}

/**
 * A failed Standard Schema result.
 *
 * @example
 * ```ts
 * import type { StandardSchemaV1FailureResult } from "hooksmith";
 *
 * const failed: StandardSchemaV1FailureResult = { issues: [{ message: "Required", path: ["name"] }] };
 * ```
 */
export interface StandardSchemaV1FailureResult {
  /** What is wrong with the value. */
  readonly issues: ReadonlyArray<StandardSchemaV1Issue>;
}

/**
 * One problem a Standard Schema validator found.
 *
 * @example
 * ```ts
 * import type { StandardSchemaV1Issue } from "hooksmith";
 *
 * const issue: StandardSchemaV1Issue = { message: "Expected a boolean", path: ["mlflow", { key: "enabled" }] };
 * ```
 */
export interface StandardSchemaV1Issue {
  /** The message of the issue. */
  readonly message: string;
  /** Where in the value the issue is, when the validator says. */
  readonly path?: ReadonlyArray<PropertyKey | StandardSchemaV1PathSegment> | undefined;
}

/**
 * A path segment in object form.
 *
 * @example
 * ```ts
 * import type { StandardSchemaV1PathSegment } from "hooksmith";
 *
 * const segment: StandardSchemaV1PathSegment = { key: "enabled" };
 * ```
 */
export interface StandardSchemaV1PathSegment {
  /** The key of this segment. */
  readonly key: PropertyKey;
}

/**
 * The input and output types a Standard Schema validator declares, for inference.
 *
 * @example
 * ```ts
 * import type { StandardSchemaV1Types } from "hooksmith";
 *
 * type Types = StandardSchemaV1Types<string, number>;
 * ```
 */
export interface StandardSchemaV1Types<Input = unknown, Output = Input> {
  /** The type the validator accepts. */
  readonly input: Input;
  /** The type the validator produces. */
  readonly output: Output;
}

/**
 * The output type of a Standard Schema validator.
 *
 * @example
 * ```ts
 * import type { InferSchemaOutput } from "hooksmith";
 * import { z } from "zod";
 *
 * const schema = z.object({ enabled: z.boolean().default(false) });
 * type Section = InferSchemaOutput<typeof schema>; // { enabled: boolean }
 * ```
 */
export type InferSchemaOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];

/**
 * The input type of a Standard Schema validator.
 *
 * @example
 * ```ts
 * import type { InferSchemaInput } from "hooksmith";
 * import { z } from "zod";
 *
 * const schema = z.object({ enabled: z.boolean().default(false) });
 * type Section = InferSchemaInput<typeof schema>; // { enabled?: boolean }
 * ```
 */
export type InferSchemaInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];

/** One issue with its path flattened to plain keys. Internal. */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** The outcome of {@link runSchema}. Internal. */
export type SchemaOutcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: readonly SchemaIssue[] };

/**
 * Tells whether a value implements Standard Schema v1. Internal.
 *
 * @param value - Anything.
 * @returns `true` when `value["~standard"]` has `version: 1` and a `validate` function.
 */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  const props = (value as { "~standard"?: unknown })["~standard"];
  if (typeof props !== "object" || props === null) return false;
  const { version, validate } = props as { version?: unknown; validate?: unknown };
  return version === 1 && typeof validate === "function";
}

/**
 * Runs a Standard Schema validator and flattens the paths of its issues. Internal.
 *
 * @param schema - The validator.
 * @param value - The value to validate.
 * @returns The validated value, or the issues.
 */
export async function runSchema(schema: StandardSchemaV1, value: unknown): Promise<SchemaOutcome> {
  const result = await schema["~standard"].validate(value);
  if (result.issues === undefined) return { ok: true, value: result.value };
  const issues = result.issues.map((issue) => ({
    message: issue.message,
    path: (issue.path ?? []).map((segment) => (typeof segment === "object" && segment !== null ? segment.key : segment)),
  }));
  return { ok: false, issues };
}

/**
 * Formats a path as `a.b[0]["odd key"]`. Internal.
 *
 * @param path - Keys from the root.
 * @returns The path as text; `(root)` when empty.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else if (typeof key === "symbol") text += `[${key.toString()}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) text += text === "" ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}

/**
 * Reads an own property, never an inherited one: a stage named `constructor` or a config key
 * `toString` must not see Object.prototype's members. Internal.
 *
 * @param object - The object.
 * @param key - A user-given key.
 * @returns The own value, or `undefined`.
 */
export function ownValue(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}
