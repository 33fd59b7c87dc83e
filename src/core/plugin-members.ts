// Which members of a plugin or a spec namespace the manager looks at, and in what order (sorted by
// name, as pluggy's dir()). Reading members runs no getter; a plugin whose own reflection throws
// (a Proxy whose traps throw, a revoked Proxy) is refused with an error naming it.

import { describePlugin } from "./describe.ts";
import { PluginRegistrationError } from "./errors.ts";

const functionBuiltins = new Set(["length", "name", "prototype", "caller", "arguments"]);

/**
 * The member names of a plugin, sorted: a module namespace's exports, or the own and inherited
 * data properties of an object (up to `Object.prototype`) or a class (up to
 * `Function.prototype`). A class's own `constructor` link is left out, a member someone named
 * `constructor` is not. Accessor properties are left out, so registering never runs a getter.
 *
 * @throws {PluginRegistrationError} When the plugin's members cannot be listed (a Proxy whose
 *   traps throw, a revoked Proxy), naming it by `pluginName`; `cause` is the original error.
 */
export function memberNames(value: object, pluginName: string | undefined): string[] {
  try {
    return listMembers(value);
  } catch (error) {
    const what = pluginName === undefined ? describePlugin(value) : `plugin '${pluginName}'`;
    throw new PluginRegistrationError(`Cannot list the members of ${what}: ${String(error)}`, {
      code: "HOOKSMITH_INVALID_PLUGIN",
      plugin: value,
      cause: error,
    });
  }
}

/**
 * The member names of a spec namespace: a class contributes its static and its prototype methods.
 */
export function specMemberNames(namespace: object): string[] {
  try {
    if (typeof namespace !== "function" || typeof namespace.prototype !== "object" || namespace.prototype === null) {
      return listMembers(namespace);
    }
    return [...new Set([...listMembers(namespace), ...listMembers(namespace.prototype as object)])].sort();
  } catch (error) {
    throw new PluginRegistrationError(
      `Cannot list the members of hook specification namespace ${describePlugin(namespace)}: ${String(error)}`,
      { code: "HOOKSMITH_INVALID_PLUGIN", plugin: namespace, cause: error },
    );
  }
}

/** A member of a spec namespace: a class's static member, or else its prototype's. */
export function specMember(namespace: object, name: string): unknown {
  const own = (namespace as Record<string, unknown>)[name];
  if (own !== undefined || typeof namespace !== "function") return own;
  return (namespace.prototype as Record<string, unknown> | undefined)?.[name];
}

/**
 * The error of a member whose reading threw (a getter of a module namespace's export, a throwing
 * `parseHookimplOpts` override), naming the plugin and the member.
 */
export function memberReadError(owner: object, member: string, what: string, error: unknown): PluginRegistrationError {
  return new PluginRegistrationError(`Reading member '${member}' of ${what} threw: ${String(error)}`, {
    code: "HOOKSMITH_INVALID_PLUGIN",
    plugin: owner,
    cause: error,
  });
}

function listMembers(value: object): string[] {
  if (Object.prototype.toString.call(value) === "[object Module]") return Object.keys(value);
  const isFunction = typeof value === "function";
  const stop: object = isFunction ? Function.prototype : Object.prototype;
  // The names met on nearer levels, listed or not: an array while there are few of them (a Set
  // costs more to create than a few comparisons), a Set beyond. Read afresh at every registration,
  // as pluggy's dir() is: a class may gain, lose or change members between two registrations.
  const seen: string[] = [];
  let seenSet: Set<string> | undefined;
  const names: string[] = [];
  for (
    let level: object | null = value;
    level !== null && level !== stop;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(level)) {
      if (seenSet === undefined ? seen.includes(name) : seenSet.has(name)) continue;
      if (seenSet === undefined && seen.length < 32) seen.push(name);
      else (seenSet ??= new Set(seen)).add(name);
      if (isFunction && functionBuiltins.has(name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(level, name)!;
      if (!("value" in descriptor)) continue;
      if (name === "constructor" && isClassLink(descriptor.value, level)) continue;
      names.push(name);
    }
  }
  return sortNames(names);
}

// A prototype's `constructor` property pointing back at its class: not a member of the plugin.
function isClassLink(value: unknown, level: object): boolean {
  return typeof value === "function" && (value as { prototype?: unknown }).prototype === level;
}

// Sorts in place in code-unit order, as `sort()` without a comparator does. Plugins have a handful
// of members, and an insertion sort of a few names allocates nothing, where `sort()` allocates a
// work array every time.
function sortNames(names: string[]): string[] {
  if (names.length > 16) return names.sort();
  for (let i = 1; i < names.length; i++) {
    const name = names[i]!;
    let j = i - 1;
    for (; j >= 0 && names[j]! > name; j--) names[j + 1] = names[j]!;
    names[j + 1] = name;
  }
  return names;
}
