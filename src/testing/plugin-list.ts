// The plugin lists the helpers accept, and their normalisation to ordered [name, plugin] pairs.
import { TestHarnessError } from "./errors.ts";
import { describeValue } from "../core/describe.ts";
import type { PluginLike, UntypedSpecs } from "../core/types.ts";

/**
 * Plugins given by name: a record of name to plugin (in insertion order), or `[name, plugin]`
 * pairs (an array or a `Map`).
 *
 * @example
 * ```ts
 * import type { NamedPlugins } from "hooksmith/testing";
 * import * as hello from "./plugin.ts";
 *
 * const plugins: NamedPlugins = { "nebari-subcommand-hello": hello };
 * const samePlugins: NamedPlugins = [["nebari-subcommand-hello", hello]];
 * ```
 */
export type NamedPlugins = Readonly<Record<string, object>> | Iterable<readonly [name: string, plugin: object]>;

/**
 * Plugins for a test manager: a record of name to plugin, or a list whose entries are plugins
 * (registered under their canonical name) or `[name, plugin]` pairs. With a spec map, each plugin
 * is checked as a {@link hooksmith!PluginLike}: its members named after hooks must implement them.
 *
 * @typeParam Specs - The manager's spec map; untyped by default (any object is a plugin).
 * @example
 * ```ts
 * import type { TestPlugins } from "hooksmith/testing";
 * import * as greeter from "./plugin.ts";
 *
 * const plugins: TestPlugins = [greeter, ["loud", { greet: () => "HELLO" }]];
 * ```
 */
export type TestPlugins<Specs = UntypedSpecs> =
  Readonly<Record<string, PluginLike<Specs>>> | Iterable<PluginLike<Specs> | readonly [name: string, plugin: PluginLike<Specs>]>;

/** One normalised entry: the name (undefined: the manager's canonical name) and the plugin. */
export type PluginEntry = readonly [name: string | undefined, plugin: object];

/**
 * Normalises a plugin list to ordered entries, checking its shape.
 *
 * @param plugins - The list as given.
 * @param where - The helper and option, for messages.
 * @returns The entries.
 * @throws {TestHarnessError} `HOOKSMITH_INVALID_HARNESS_INPUT` for a malformed list.
 */
export function pluginEntries(plugins: TestPlugins | undefined, where: string): PluginEntry[] {
  if (plugins === undefined) return [];
  const fail = (problem: string): never => {
    throw new TestHarnessError(`${where}: ${problem}`, "HOOKSMITH_INVALID_HARNESS_INPUT");
  };
  if (typeof plugins !== "object" || plugins === null) {
    return fail(`expected a record of name to plugin or a list of plugins, got ${describeValue(plugins)}`);
  }
  if (Object.prototype.toString.call(plugins) === "[object Module]") {
    return fail("got a module namespace; pass { name: plugin } or [plugin] to give one plugin");
  }
  if (!(Symbol.iterator in plugins)) {
    return Object.entries(plugins as Readonly<Record<string, unknown>>).map(([name, plugin]): PluginEntry => {
      if (!isPluginValue(plugin)) fail(`the plugin named ${JSON.stringify(name)} is ${describeValue(plugin)}, not an object`);
      return [name, plugin as object];
    });
  }
  return [...(plugins as Iterable<unknown>)].map((entry, index): PluginEntry => {
    if (Array.isArray(entry)) {
      const [name, plugin] = entry as unknown[];
      if (entry.length !== 2 || typeof name !== "string" || name === "" || !isPluginValue(plugin)) {
        fail(`entry ${index} must be a plugin or a [name, plugin] pair, got an array of ${entry.length}`);
      }
      return [name as string, plugin as object];
    }
    if (!isPluginValue(entry)) fail(`entry ${index} is ${describeValue(entry)}, not a plugin object`);
    return [undefined, entry as object];
  });
}

/**
 * Normalises a list of named plugins; every entry must have a name.
 *
 * @param plugins - The list as given.
 * @param where - The helper and option, for messages.
 * @returns `[name, plugin]` pairs, frozen.
 * @throws {TestHarnessError} `HOOKSMITH_INVALID_HARNESS_INPUT` for a malformed list or a plugin without a name.
 */
export function namedPluginEntries(plugins: NamedPlugins | undefined, where: string): ReadonlyArray<readonly [string, object]> {
  const entries = pluginEntries(plugins, where).map(([name, plugin], index): readonly [string, object] => {
    if (name === undefined) {
      throw new TestHarnessError(
        `${where}: entry ${index} has no name; give [name, plugin] pairs or a record`,
        "HOOKSMITH_INVALID_HARNESS_INPUT",
      );
    }
    return Object.freeze([name, plugin] as const);
  });
  return Object.freeze(entries);
}

function isPluginValue(value: unknown): boolean {
  return (typeof value === "object" || typeof value === "function") && value !== null;
}
