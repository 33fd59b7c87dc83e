// Short human-readable renderings of values, plugins and registries for messages: every subsystem
// renders what it was given with these, so messages read alike whichever part of hooksmith failed.

const maxRegistryEntries = 20;

/** Renders a plugin or spec namespace the way pluggy's repr does, e.g. `<Plugin1 object>`. */
export function describePlugin(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "function") {
    const isClass = /^class\b/.test(Function.prototype.toString.call(value));
    return `<${isClass ? "class" : "function"} ${value.name || "(anonymous)"}>`;
  }
  if (typeof value !== "object") return JSON.stringify(value) ?? String(value);
  if (Object.prototype.toString.call(value) === "[object Module]") return "<module>";
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === null || prototype === Object.prototype) return "<object>";
  const constructorName = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return `<${typeof constructorName === "string" && constructorName !== "" ? constructorName : "anonymous"} object>`;
}

/** Renders a registry the way pluggy renders its name-to-plugin dict, shortened when large. */
export function describeRegistry(registry: ReadonlyMap<string, object | null>): string {
  const entries: string[] = [];
  for (const [name, plugin] of registry) {
    if (entries.length === maxRegistryEntries) {
      entries.push(`... (${registry.size - maxRegistryEntries} more)`);
      break;
    }
    entries.push(`${JSON.stringify(name)}: ${plugin === null ? "blocked" : describePlugin(plugin)}`);
  }
  return `registered plugins: { ${entries.join(", ")} }`;
}

/**
 * Renders any value for a message about it ("got the number 5", "got an anonymous class").
 *
 * @internal
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value)}`;
    case "number":
    case "boolean":
    case "bigint":
      return `the ${typeof value} ${String(value)}`;
    case "undefined":
      return "undefined";
    case "symbol":
      return `the symbol ${value.toString()}`;
    case "function": {
      const kind = /^class\b/.test(Function.prototype.toString.call(value)) ? "class" : "function";
      return value.name ? `the ${kind} ${value.name}` : `an anonymous ${kind}`;
    }
    default:
      if (value === null) return "null";
      if (Array.isArray(value)) return "an array";
      if (value instanceof RegExp) return `the RegExp ${String(value)}`;
      return "an object";
  }
}

/**
 * The message of anything thrown: an error's `message`, or the value as a string.
 *
 * @internal
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string") {
    return (error as { message: string }).message;
  }
  return String(error);
}

/**
 * Renders a value given where a name or pattern was expected, as the subject of a message: a
 * string quoted, a RegExp as written, anything else as {@link describeValue} does.
 *
 * @internal
 */
export function describeName(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof RegExp) return String(value);
  return describeValue(value);
}
