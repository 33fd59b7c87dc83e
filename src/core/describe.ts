// Short human-readable renderings of plugins, namespaces and registries for error messages.

const maxRegistryEntries = 20;

/** Renders a plugin or spec namespace the way pluggy's repr does, e.g. `<Plugin1 object>`. */
export function describePlugin(value: unknown): string {
  if (value === null) return "None";
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
    entries.push(`'${name}': ${describePlugin(plugin)}`);
  }
  return `{${entries.join(", ")}}`;
}
