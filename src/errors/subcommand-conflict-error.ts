import { HooksmithError } from "./hooksmith-error.ts";

/**
 * One subcommand name claimed by several definitions, in a {@link SubcommandConflictError}.
 *
 * @example
 * ```ts
 * import type { SubcommandConflict } from "hooksmith/nebari";
 *
 * const conflict: SubcommandConflict = { name: "deploy", plugins: ["builtin-deploy", "my-plugin"] };
 * ```
 */
export interface SubcommandConflict {
  /** The subcommand name. */
  readonly name: string;
  /** The plugins defining it, in definition order (a plugin defining it twice is listed twice). */
  readonly plugins: readonly string[];
}

/**
 * Several plugins add a subcommand of the same name and none of them (or more than one) asks to
 * `override` it, so the registry refuses to pick one. Nebari let the last one silently replace
 * the others, so an installed plugin could take over `deploy`.
 *
 * Fix it by renaming one of the commands, removing a plugin, or, when replacing the other
 * command is the point, passing `{ override: true }` in the one that should win.
 *
 * @example
 * ```ts
 * import { SubcommandConflictError } from "hooksmith/nebari";
 *
 * try {
 *   await nebari.collectSubcommands();
 * } catch (error) {
 *   if (error instanceof SubcommandConflictError) {
 *     for (const { name, plugins } of error.conflicts) console.error(`${name}: ${plugins.join(", ")}`);
 *   }
 * }
 * ```
 */
export class SubcommandConflictError extends HooksmithError {
  /** The error class name, `"SubcommandConflictError"` (printed by `toString()` and in stack traces). */
  override name: string = "SubcommandConflictError";
  /** Every conflicting name, in the order the names were first defined. */
  readonly conflicts: readonly SubcommandConflict[];

  /**
   * @param conflicts - The conflicting names with their plugins; at least one.
   */
  constructor(conflicts: readonly SubcommandConflict[]) {
    const describe = ({ name, plugins }: SubcommandConflict): string => {
      const unique = [...new Set(plugins)];
      const claimants =
        unique.length === 1
          ? `twice by plugin ${JSON.stringify(unique[0])}`
          : `by plugins ${unique.map((plugin) => JSON.stringify(plugin)).join(" and ")}`;
      return `subcommand ${JSON.stringify(name)} is added ${claimants}`;
    };
    super(
      `Subcommand name collision: ${conflicts.map(describe).join("; ")}; rename one, remove a plugin, or pass { override: true } in the one that should replace the others`,
      { code: "HOOKSMITH_SUBCOMMAND_CONFLICT" },
    );
    this.conflicts = conflicts;
  }
}
