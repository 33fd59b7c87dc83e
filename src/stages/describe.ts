// Internal helpers that render inputs for error messages: "what failed: which input".

/**
 * Describes any value briefly for an error message: strings quoted, numbers as written, classes
 * and functions by name, other objects by kind.
 *
 * @param value - Anything.
 * @returns A short description, e.g. `"abc"`, `NaN`, `class Foo`, `an array`.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    case "undefined":
      return "undefined";
    case "symbol":
      return value.toString();
    case "function": {
      const source = Function.prototype.toString.call(value);
      const kind = source.startsWith("class") ? "class" : "function";
      return value.name ? `${kind} ${value.name}` : `an anonymous ${kind}`;
    }
    default:
      if (value === null) return "null";
      if (Array.isArray(value)) return "an array";
      if (value instanceof RegExp) return String(value);
      return "an object";
  }
}

/** Where a stage candidate came from, for messages. */
export interface StageOrigin {
  /** Position in the list given to the function. */
  readonly index?: number | undefined;
  /** The plugin (or other source) that contributed it. */
  readonly source?: string | undefined;
}

/**
 * Describes a stage class for an error message: its stage name when it has a valid one,
 * otherwise its class name, then where it came from.
 *
 * @param stage - A stage class, or whatever was given in its place.
 * @param origin - Its index in the input and its source, when known.
 * @returns E.g. `"hello_world" (HelloWorldStage, plugin "hello", candidate 2)`.
 */
export function describeStage(stage: unknown, origin: StageOrigin = {}): string {
  const stageName = typeof stage === "function" ? (stage as { stageName?: unknown }).stageName : undefined;
  const className = typeof stage === "function" && stage.name !== "" ? stage.name : undefined;
  const details: string[] = [];
  let head: string;
  if (typeof stageName === "string" && stageName !== "") {
    head = JSON.stringify(stageName);
    if (className !== undefined) details.push(className);
  } else if (className !== undefined) {
    head = `class ${className}`;
  } else {
    head = typeof stage === "function" ? "an anonymous class" : describeValue(stage);
  }
  if (origin.source !== undefined) details.push(`plugin ${JSON.stringify(origin.source)}`);
  if (origin.index !== undefined) details.push(`index ${origin.index}`);
  return details.length === 0 ? head : `${head} (${details.join(", ")})`;
}

/**
 * The message of an unknown thrown value.
 *
 * @param error - Anything thrown.
 * @returns Its `message` when it is an Error, otherwise its string form.
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string") {
    return (error as { message: string }).message;
  }
  return String(error);
}

/**
 * Describes a stage class by its class name and origin, without its stage name.
 *
 * @param stage - A stage class.
 * @param origin - Its index in the input and its source, when known.
 * @returns E.g. `HelloWorldStage (plugin "hello", candidate 2)`.
 */
export function describeClass(stage: unknown, origin: StageOrigin = {}): string {
  const head = typeof stage === "function" && stage.name !== "" ? stage.name : "an anonymous class";
  const details: string[] = [];
  if (origin.source !== undefined) details.push(`plugin ${JSON.stringify(origin.source)}`);
  if (origin.index !== undefined) details.push(`index ${origin.index}`);
  return details.length === 0 ? head : `${head} (${details.join(", ")})`;
}
