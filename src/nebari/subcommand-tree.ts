// The command tree that plugins contribute to a SubcommandRegistry, resolved: which definition of
// each name wins at each level (commands, merged groups, group configurations, option flags), what
// an override replaces, and the conflicts to report.

import type { SubcommandConflict } from "./errors.ts";
import type { OverriddenSubcommand, SubcommandDefinition, SubcommandGroup, SubcommandOptionDefinition } from "./subcommands.ts";

/** One opening of a group by a plugin. */
export interface GroupRecord<Target> {
  readonly kind: "group";
  readonly name: string;
  readonly path: readonly string[];
  readonly pluginName: string;
  readonly define: ((command: Target) => unknown) | undefined;
  readonly override: boolean;
  readonly helpGroup: string | undefined;
  readonly index: number;
}

/** One `configure` callback. */
export interface ConfigureRecord<Target> {
  readonly kind: "configure";
  readonly path: readonly string[];
  readonly pluginName: string;
  readonly define: (command: Target) => unknown;
  readonly index: number;
}

/** Anything a plugin adds, in the order added. */
export type DefinitionRecord<Target> =
  SubcommandDefinition<Target> | GroupRecord<Target> | SubcommandOptionDefinition<Target> | ConfigureRecord<Target>;

/** One level of the resolved tree: the root, or a winning group. */
export interface ResolvedNode<Target> {
  readonly kind: "group";
  /** The group this node is, `undefined` for the root. */
  readonly group: SubcommandGroup<Target> | undefined;
  readonly options: readonly SubcommandOptionDefinition<Target>[];
  readonly children: readonly (SubcommandDefinition<Target> | ResolvedNode<Target>)[];
  readonly configures: readonly ConfigureRecord<Target>[];
}

/** The resolved tree and its winners, each list in the order added. */
export interface Resolved<Target> {
  readonly root: ResolvedNode<Target>;
  readonly commands: readonly SubcommandDefinition<Target>[];
  readonly groups: readonly SubcommandGroup<Target>[];
  readonly options: readonly SubcommandOptionDefinition<Target>[];
  readonly overridden: readonly OverriddenSubcommand<Target>[];
}

/** What resolving collects while it walks the tree. */
interface Collected<Target> {
  readonly conflicts: SubcommandConflict[];
  readonly overridden: OverriddenSubcommand<Target>[];
  readonly commands: SubcommandDefinition<Target>[];
  readonly groups: SubcommandGroup<Target>[];
  readonly options: SubcommandOptionDefinition<Target>[];
}

/**
 * Resolves the level at `path`: which of the names, group configurations and option flags defined
 * there win, recursing into the winning groups.
 */
function resolveNode<Target>(
  path: readonly string[],
  group: SubcommandGroup<Target> | undefined,
  records: readonly DefinitionRecord<Target>[],
  collected: Collected<Target>,
): ResolvedNode<Target> {
  const here = records.filter((record) => samePath(record.path, path));

  // Subcommand names: each command is one claim, a group (all its openings together) one claim.
  const commandsByName = new Map<string, SubcommandDefinition<Target>[]>();
  const openings = new Map<string, GroupRecord<Target>[]>();
  const names = new Set<string>();
  for (const record of here) {
    if (record.kind === "command") pushTo(commandsByName, record.name, record);
    else if (record.kind === "group") pushTo(openings, record.name, record);
    else continue;
    names.add(record.name);
  }
  const children: (SubcommandDefinition<Target> | ResolvedNode<Target>)[] = [];
  for (const name of names) {
    const opened = openings.get(name);
    const claims: (SubcommandDefinition<Target> | SubcommandGroup<Target>)[] = [...(commandsByName.get(name) ?? [])];
    if (opened !== undefined) {
      const first = toGroup(opened[0]!, opened);
      claims.push(Object.freeze({ ...first, override: opened.some((record) => record.override) }));
    }
    const winner = pickWinner(name, path, claims, collected, records);
    if (winner === undefined) continue;
    if (winner.kind === "command") {
      collected.commands.push(winner);
      children.push(winner);
    } else {
      const merged = resolveGroup(name, path, opened!, collected);
      collected.groups.push(merged);
      children.push(resolveNode([...path, name], merged, records, collected));
    }
  }
  // Mounted in the order the winning definitions were added.
  const indexOf = (child: SubcommandDefinition<Target> | ResolvedNode<Target>): number =>
    child.kind === "command" ? child.index : child.group!.index;
  children.sort((a, b) => indexOf(a) - indexOf(b));

  // Option flags: an option claims each of its names.
  const optionRecords = here.filter((record): record is SubcommandOptionDefinition<Target> => record.kind === "option");
  const losing = new Set<SubcommandOptionDefinition<Target>>();
  const byName = new Map<string, SubcommandOptionDefinition<Target>[]>();
  for (const record of optionRecords) for (const optionName of record.names) pushTo(byName, optionName, record);
  const reported = new Set<string>();
  for (const [optionName, claimed] of byName) {
    if (claimed.length === 1) continue;
    const overriding = claimed.filter((record) => record.override);
    if (overriding.length !== 1) {
      const key = claimed.map((record) => record.index).join(",");
      if (!reported.has(key)) {
        reported.add(key);
        collected.conflicts.push(
          Object.freeze({ kind: "option" as const, name: optionName, path, plugins: claimed.map((record) => record.pluginName) }),
        );
      }
      for (const record of claimed) losing.add(record);
      continue;
    }
    for (const record of claimed) {
      if (record === overriding[0] || losing.has(record)) continue;
      losing.add(record);
      collected.overridden.push(Object.freeze({ ...record, overriddenBy: overriding[0]! }));
    }
  }
  const options = optionRecords.filter((record) => !losing.has(record));
  collected.options.push(...options);

  return Object.freeze({
    kind: "group" as const,
    group,
    options: Object.freeze(options),
    children: Object.freeze(children),
    configures: Object.freeze(here.filter((record): record is ConfigureRecord<Target> => record.kind === "configure")),
  });
}

/** Merges the openings of one group; several plugins configuring it is a conflict unless one overrides. */
function resolveGroup<Target>(
  name: string,
  path: readonly string[],
  openings: readonly GroupRecord<Target>[],
  collected: Collected<Target>,
): SubcommandGroup<Target> {
  const configuring = openings.filter((record) => record.define !== undefined || record.helpGroup !== undefined);
  let owner: GroupRecord<Target> | undefined = configuring[0];
  if (configuring.length > 1) {
    const overriding = configuring.filter((record) => record.override);
    if (overriding.length === 1) {
      owner = overriding[0]!;
      for (const record of configuring) {
        if (record !== owner)
          collected.overridden.push(Object.freeze({ ...toGroup(record, openings), overriddenBy: toGroup(owner, openings) }));
      }
    } else {
      collected.conflicts.push(
        Object.freeze({ kind: "group" as const, name, path, plugins: configuring.map((record) => record.pluginName) }),
      );
    }
  }
  return toGroup(owner ?? openings[0]!, openings);
}

function toGroup<Target>(record: GroupRecord<Target>, openings: readonly GroupRecord<Target>[]): SubcommandGroup<Target> {
  return Object.freeze({
    kind: "group" as const,
    name: record.name,
    path: record.path,
    pluginName: record.pluginName,
    plugins: Object.freeze([...new Set(openings.map((opening) => opening.pluginName))]),
    define: record.define,
    override: record.override,
    helpGroup: record.helpGroup,
    index: openings[0]!.index,
  });
}

/**
 * The winner among the claims of one name: the only claim, or the only overriding one; otherwise a
 * conflict is recorded. The claims an override replaces (a replaced group with everything in it)
 * are recorded as overridden.
 */
function pickWinner<Target>(
  name: string,
  path: readonly string[],
  claims: readonly (SubcommandDefinition<Target> | SubcommandGroup<Target>)[],
  collected: Collected<Target>,
  records: readonly DefinitionRecord<Target>[],
): SubcommandDefinition<Target> | SubcommandGroup<Target> | undefined {
  if (claims.length === 1) return claims[0];
  const overriding = claims.filter((claim) => claim.override);
  if (overriding.length !== 1) {
    collected.conflicts.push(
      Object.freeze({
        kind: "command" as const,
        name,
        path,
        plugins: claims.flatMap((claim) => (claim.kind === "group" ? claim.plugins : [claim.pluginName])),
      }),
    );
    return undefined;
  }
  const winner = overriding[0]!;
  for (const claim of claims) {
    if (claim === winner) continue;
    collected.overridden.push(Object.freeze({ ...claim, overriddenBy: winner }));
    if (claim.kind === "group") {
      // Everything inside a replaced group goes with it.
      const inside = [...path, name];
      for (const record of records) {
        if (record.kind === "configure" || !startsWith(record.path, inside)) continue;
        const replaced = record.kind === "group" ? toGroup(record, [record]) : record;
        collected.overridden.push(Object.freeze({ ...replaced, overriddenBy: winner }));
      }
    }
  }
  return winner;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return path.length >= prefix.length && prefix.every((part, index) => part === path[index]);
}

function pushTo<Key, Value>(map: Map<Key, Value[]>, key: Key, value: Value): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Resolves every definition recorded: the tree to mount, the winners and the overridden ones, or
 * the conflicts found (in `conflicts`, nothing else usable then).
 */
export function resolveTree<Target>(records: readonly DefinitionRecord<Target>[]): {
  readonly resolved: Resolved<Target>;
  readonly conflicts: readonly SubcommandConflict[];
} {
  const collected: Collected<Target> = { conflicts: [], overridden: [], commands: [], groups: [], options: [] };
  const root = resolveNode<Target>([], undefined, records, collected);
  const byIndex = (a: { index: number }, b: { index: number }): number => a.index - b.index;
  return {
    conflicts: collected.conflicts,
    resolved: {
      root,
      commands: Object.freeze(collected.commands.sort(byIndex)),
      groups: Object.freeze(collected.groups.sort(byIndex)),
      options: Object.freeze(collected.options.sort(byIndex)),
      overridden: Object.freeze(collected.overridden.sort(byIndex)),
    },
  };
}
