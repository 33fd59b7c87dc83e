import { SubcommandConflictError, type SubcommandConflict } from "./errors.ts";
import { SubcommandError } from "./errors.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import { callPerPlugin } from "../stages/call-per-plugin.ts";
import { describeName, describeValue, messageOf } from "../core/describe.ts";

/**
 * Options of `cli.command(name, define, options)`.
 *
 * @example
 * ```ts
 * import type { SubcommandOptions } from "hooksmith/nebari";
 *
 * const replaceBuiltin: SubcommandOptions = { override: true };
 * ```
 */
export interface SubcommandOptions {
  /**
   * Replace the subcommands of the same name that other plugins add, instead of conflicting
   * with them. Exactly one definition of a name may override; the ones it replaces are listed
   * in `registry.overridden`.
   */
  readonly override?: boolean;
}

/**
 * The `cli` a plugin's `nebari_subcommand` receives from a {@link SubcommandRegistry}: a
 * framework-neutral way to add subcommands. The plugin names the command and configures the
 * host's command object (`Target`, e.g. a commander `Command`) in `define`; the host builds the
 * command once every plugin has spoken and no name is claimed twice.
 *
 * @typeParam Target - The host framework's command type.
 * @example
 * ```ts
 * import { hookimpl, type SubcommandCli } from "hooksmith/nebari";
 * import type { Command } from "commander";
 *
 * export const nebari_subcommand = hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
 *   cli.command("hello", (command) =>
 *     command
 *       .description("Say hello")
 *       .option("--name <name>", "who to greet", "Nebari")
 *       .action(({ name }: { name: string }) => console.log(`Hello ${name}`)),
 *   );
 * });
 * ```
 */
export interface SubcommandCli<Target = unknown> {
  /** The plugin this view records subcommands for. */
  readonly pluginName: string;
  /**
   * Adds subcommand `name`. `define` receives the command object the host creates for it
   * (arguments, options, action, nested commands); it runs when the host mounts the registry.
   *
   * @throws {@link SubcommandError} for an invalid name or `define`, or once the registry is resolved.
   */
  command(name: string, define: (command: Target) => unknown, options?: SubcommandOptions): void;
}

/**
 * One subcommand added through a {@link SubcommandRegistry}.
 *
 * @example
 * ```ts
 * import type { SubcommandDefinition } from "hooksmith/nebari";
 *
 * const describe = ({ name, pluginName }: SubcommandDefinition) => `${name} (from ${pluginName})`;
 * ```
 */
export interface SubcommandDefinition<Target = unknown> {
  /** The subcommand name. */
  readonly name: string;
  /** The plugin that added it. */
  readonly pluginName: string;
  /** Configures the host's command object. */
  readonly define: (command: Target) => unknown;
  /** Whether it replaces the other definitions of its name. */
  readonly override: boolean;
  /** Its position among all definitions, in the order they were added. */
  readonly index: number;
}

/**
 * A definition replaced by another plugin's `{ override: true }` definition of the same name.
 *
 * @example
 * ```ts
 * import type { OverriddenSubcommand } from "hooksmith/nebari";
 *
 * const explain = (entry: OverriddenSubcommand) => `${entry.name} of ${entry.pluginName} replaced by ${entry.overriddenBy.pluginName}`;
 * ```
 */
export interface OverriddenSubcommand<Target = unknown> extends SubcommandDefinition<Target> {
  /** The definition that replaced it. */
  readonly overriddenBy: SubcommandDefinition<Target>;
}

/**
 * Where `registry.mount` creates commands: an object with a `command(name)` method that returns
 * a new subcommand (a commander `Command` is one), or a function doing the same.
 *
 * @example
 * ```ts
 * import type { SubcommandTarget } from "hooksmith/nebari";
 * import { Command } from "commander";
 *
 * const program = new Command("mini-nebari");
 * const target: SubcommandTarget<Command> = program;
 * const custom: SubcommandTarget<Command> = (name) => program.command(name).helpGroup("Plugin commands:");
 * ```
 */
export type SubcommandTarget<Target> =
  | {
      /** Creates the command `name` (commander's `program.command(name)`). */
      command(name: string): Target;
    }
  | ((name: string, definition: SubcommandDefinition<Target>) => Target);

/**
 * A framework-neutral registry of subcommands contributed by plugins, with name collisions
 * reported instead of silently resolved.
 *
 * Each plugin gets its own view, `registry.forPlugin(name)` (a {@link SubcommandCli}), so every
 * definition is recorded with the plugin that added it. Resolving the registry (explicitly with
 * `resolve()`, or on first use of `commands`, `overridden` or `mount`) checks the names: a name
 * defined more than once is a {@link hooksmith!SubcommandConflictError} naming the plugins, unless exactly
 * one of its definitions passes `{ override: true }`, which then wins whatever the plugin order.
 * After that no plugin can add anything. `mount(target)` creates the winning commands, in the
 * order they were added, and lets each plugin's `define` configure its command.
 *
 * `NebariPluginManager.collectSubcommands()` does all of this for the `nebari_subcommand` hook;
 * use the registry directly for other hooks or to add the host's own commands through it.
 *
 * @typeParam Target - The host framework's command type, e.g. commander's `Command`.
 * @example
 * ```ts
 * import { SubcommandRegistry } from "hooksmith/nebari";
 * import { Command } from "commander";
 *
 * const registry = new SubcommandRegistry<Command>();
 * registry.forPlugin("builtin").command("deploy", (command) => command.action(() => console.log("deploying")));
 * registry.forPlugin("my-plugin").command("hello", (command) => command.action(() => console.log("hello")));
 *
 * const program = new Command("mini-nebari");
 * registry.mount(program);
 * await program.parseAsync(["hello"], { from: "user" });
 * ```
 */
export class SubcommandRegistry<Target = unknown> {
  readonly #definitions: SubcommandDefinition<Target>[] = [];
  #resolved:
    { commands: readonly SubcommandDefinition<Target>[]; overridden: readonly OverriddenSubcommand<Target>[] } | undefined;

  /**
   * The view of one plugin: what it passes to `command` is recorded under its name.
   *
   * @param pluginName - The plugin's registration name.
   * @returns The `cli` object to give that plugin.
   * @throws {TypeError} When `pluginName` is not a non-empty string.
   * @example
   * ```ts
   * import { SubcommandRegistry } from "hooksmith/nebari";
   *
   * const registry = new SubcommandRegistry();
   * const cli = registry.forPlugin("my-plugin");
   * cli.command("hello", (command) => console.log("define", command));
   * ```
   */
  forPlugin(pluginName: string): SubcommandCli<Target> {
    if (typeof pluginName !== "string" || pluginName === "") {
      throw new TypeError(`SubcommandRegistry.forPlugin needs a plugin name, got ${describeValue(pluginName)}`);
    }
    const add = (name: unknown, define: unknown, options: unknown): void => this.#add(pluginName, name, define, options);
    return Object.freeze({
      pluginName,
      command(name: string, define: (command: Target) => unknown, options?: SubcommandOptions): void {
        add(name, define, options);
      },
    });
  }

  /**
   * Checks the names and closes the registry; idempotent.
   *
   * @returns The registry.
   * @throws {@link hooksmith!SubcommandConflictError} listing every name claimed more than once without
   *   a single override.
   */
  resolve(): this {
    this.#resolve();
    return this;
  }

  /** Whether the registry is resolved (no plugin can add subcommands any more). */
  get resolved(): boolean {
    return this.#resolved !== undefined;
  }

  /** The subcommands that will be mounted, in the order they were added (resolves the registry). */
  get commands(): readonly SubcommandDefinition<Target>[] {
    return this.#resolve().commands;
  }

  /** The definitions replaced by an override, in the order they were added (resolves the registry). */
  get overridden(): readonly OverriddenSubcommand<Target>[] {
    return this.#resolve().overridden;
  }

  /**
   * Creates every winning subcommand on `target` and lets its plugin's `define` configure it,
   * in the order the subcommands were added. Resolves the registry first.
   *
   * @param target - An object with `command(name)` returning a new subcommand (a commander
   *   `Command`), or a function `(name, definition) => command`.
   * @returns The created commands by name.
   * @throws {@link hooksmith!SubcommandConflictError} for unresolved name collisions (nothing is created).
   * @throws {@link SubcommandError} `HOOKSMITH_SUBCOMMAND_DEFINE_FAILED` when a `define`
   *   throws, naming the plugin.
   * @example
   * ```ts
   * import { SubcommandRegistry } from "hooksmith/nebari";
   * import { Command } from "commander";
   *
   * const registry = new SubcommandRegistry<Command>();
   * registry.forPlugin("hello-plugin").command("hello", (command) => command.description("Say hello"));
   * const program = new Command("cli");
   * const created = registry.mount(program);
   * console.log(created.get("hello")?.description()); // "Say hello"
   * ```
   */
  mount(target: SubcommandTarget<Target>): Map<string, Target> {
    const { commands } = this.#resolve();
    const create =
      typeof target === "function"
        ? target
        : typeof target === "object" && target !== null && typeof target.command === "function"
          ? (name: string): Target => target.command(name)
          : undefined;
    if (create === undefined) {
      throw new TypeError(
        `SubcommandRegistry.mount needs an object with a command(name) method or a function, got ${describeValue(target)}`,
      );
    }
    const created = new Map<string, Target>();
    for (const definition of commands) {
      const command = create(definition.name, definition);
      try {
        definition.define(command);
      } catch (error) {
        throw new SubcommandError(
          `Plugin "${definition.pluginName}" failed to define subcommand ${JSON.stringify(definition.name)}: ${messageOf(error)}`,
          {
            code: "HOOKSMITH_SUBCOMMAND_DEFINE_FAILED",
            pluginName: definition.pluginName,
            commandName: definition.name,
            cause: error,
          },
        );
      }
      created.set(definition.name, command);
    }
    return created;
  }

  #add(pluginName: string, name: unknown, define: unknown, options: unknown): void {
    const fail = (problem: string, code: SubcommandError["code"] = "HOOKSMITH_INVALID_SUBCOMMAND"): never => {
      throw new SubcommandError(`Plugin "${pluginName}" ${problem}`, {
        code,
        pluginName,
        commandName: typeof name === "string" ? name : undefined,
      });
    };
    if (this.#resolved !== undefined) {
      fail(
        `added subcommand ${describeName(name)} after the subcommands were resolved; add subcommands while nebari_subcommand runs`,
        "HOOKSMITH_SUBCOMMAND_REGISTRY_CLOSED",
      );
    }
    if (typeof name !== "string" || !/^[^\s-]\S*$/.test(name)) {
      fail(
        `gave an invalid subcommand name ${describeName(name)}: a name is one word, not starting with "-" (declare arguments in define)`,
      );
    }
    if (typeof define !== "function")
      fail(`gave subcommand ${describeName(name)} a define that is not a function: ${describeValue(define)}`);
    if (options !== undefined && (typeof options !== "object" || options === null)) {
      fail(`gave subcommand ${describeName(name)} options that are not an object: ${describeValue(options)}`);
    }
    const override = (options as SubcommandOptions | undefined)?.override;
    if (override !== undefined && typeof override !== "boolean") {
      fail(`gave subcommand ${describeName(name)} an override option that is not a boolean: ${describeValue(override)}`);
    }
    this.#definitions.push(
      Object.freeze({
        name: name as string,
        pluginName,
        define: define as (command: Target) => unknown,
        override: override === true,
        index: this.#definitions.length,
      }),
    );
  }

  #resolve(): { commands: readonly SubcommandDefinition<Target>[]; overridden: readonly OverriddenSubcommand<Target>[] } {
    if (this.#resolved !== undefined) return this.#resolved;
    const byName = new Map<string, SubcommandDefinition<Target>[]>();
    for (const definition of this.#definitions) {
      const group = byName.get(definition.name);
      if (group === undefined) byName.set(definition.name, [definition]);
      else group.push(definition);
    }
    const conflicts: SubcommandConflict[] = [];
    const winners = new Set<SubcommandDefinition<Target>>();
    const overridden: OverriddenSubcommand<Target>[] = [];
    for (const [name, group] of byName) {
      if (group.length === 1) {
        winners.add(group[0]!);
        continue;
      }
      const overriding = group.filter((definition) => definition.override);
      if (overriding.length !== 1) {
        conflicts.push({ name, plugins: group.map((definition) => definition.pluginName) });
        continue;
      }
      const winner = overriding[0]!;
      winners.add(winner);
      for (const definition of group) if (definition !== winner) overridden.push({ ...definition, overriddenBy: winner });
    }
    if (conflicts.length > 0) throw new SubcommandConflictError(conflicts);
    overridden.sort((a, b) => a.index - b.index);
    this.#resolved = {
      commands: Object.freeze(this.#definitions.filter((definition) => winners.has(definition))),
      overridden: Object.freeze(overridden),
    };
    return this.#resolved;
  }
}

/**
 * Options of `collectSubcommands`.
 *
 * @example
 * ```ts
 * import type { CollectSubcommandsOptions } from "hooksmith/nebari";
 *
 * const options: CollectSubcommandsOptions = { argName: "cli" };
 * ```
 */
export interface CollectSubcommandsOptions {
  /** The name of the hook argument that receives the registry view; default `"cli"`. */
  readonly argName?: string;
  /** Cancels the collection between plugins. */
  readonly signal?: AbortSignal;
}

/**
 * Calls a subcommand hook with a {@link SubcommandRegistry}: once per plugin, in plugin
 * registration order (built-in plugins registered first thus come first in help listings),
 * each plugin receiving its own view as `{ cli }`, then resolves the registry, so collisions
 * are reported before any command is built.
 *
 * Works for any project's hook whose implementations take `{ [argName]: cli }`;
 * `NebariPluginManager.collectSubcommands()` calls it for `nebari_subcommand`.
 *
 * @param manager - The plugin manager.
 * @param hookName - The subcommand hook, e.g. `"nebari_subcommand"`.
 * @param options - `argName`, `signal`.
 * @returns The resolved registry; `mount` it on the host's program.
 * @throws {@link hooksmith!PluginHookError} naming the plugin when an implementation throws (including a
 *   {@link SubcommandError} for an invalid definition) or is a wrapper.
 * @throws {@link hooksmith!SubcommandConflictError} when plugins claim one name without a single override.
 * @example
 * ```ts
 * import { collectSubcommands } from "hooksmith/nebari";
 * import { Command } from "commander";
 *
 * const registry = await collectSubcommands<Command>(pm, "nebari_subcommand");
 * const program = new Command("my-cli");
 * registry.mount(program);
 * ```
 */
export async function collectSubcommands<Target = unknown, Specs extends object = object>(
  manager: PluginManager<Specs>,
  hookName: string,
  options: CollectSubcommandsOptions = {},
): Promise<SubcommandRegistry<Target>> {
  const argName = options.argName ?? "cli";
  const registry = new SubcommandRegistry<Target>();
  await callPerPlugin(manager, hookName, (pluginName) => ({ [argName]: registry.forPlugin(pluginName) }), {
    signal: options.signal,
  });
  return registry.resolve();
}
