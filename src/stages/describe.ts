// Internal helpers that render inputs for error messages: "what failed: which input".

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
  const stageName = typeof stage === "function" ? readQuietly(stage, "stageName") : undefined;
  const className = classNameOf(stage);
  const details: string[] = [];
  let head: string;
  if (typeof stageName === "string" && stageName !== "") {
    head = JSON.stringify(stageName);
    if (className !== undefined) details.push(className);
  } else if (className !== undefined) {
    head = `class ${className}`;
  } else {
    head = typeof stage === "function" ? "an anonymous class" : "value";
  }
  if (origin.source !== undefined) details.push(`plugin ${JSON.stringify(origin.source)}`);
  if (origin.index !== undefined) details.push(`index ${origin.index}`);
  return details.length === 0 ? head : `${head} (${details.join(", ")})`;
}

/**
 * Describes a stage class by its class name and origin, without its stage name.
 *
 * @param stage - A stage class.
 * @param origin - Its index in the input and its source, when known.
 * @returns E.g. `HelloWorldStage (plugin "hello", candidate 2)`.
 */
export function describeClass(stage: unknown, origin: StageOrigin = {}): string {
  const head = classNameOf(stage) ?? "an anonymous class";
  const details: string[] = [];
  if (origin.source !== undefined) details.push(`plugin ${JSON.stringify(origin.source)}`);
  if (origin.index !== undefined) details.push(`index ${origin.index}`);
  return details.length === 0 ? head : `${head} (${details.join(", ")})`;
}

/**
 * Reads a static of a class for a message, never throwing: a plugin's getter may.
 *
 * @param value - A class, or what was given in its place.
 * @param property - The static to read.
 * @returns Its value, or `undefined` when reading it threw.
 */
function readQuietly(value: object, property: string): unknown {
  try {
    return (value as Record<string, unknown>)[property];
  } catch {
    return undefined;
  }
}

/**
 * @param value - A class, or what was given in its place.
 * @returns Its class name when it is a function with a non-empty string `name`.
 */
function classNameOf(value: unknown): string | undefined {
  if (typeof value !== "function") return undefined;
  const name = readQuietly(value, "name");
  return typeof name === "string" && name !== "" ? name : undefined;
}
