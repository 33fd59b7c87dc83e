import { SubcommandConflictError } from "./errors.ts";
import { SubcommandError } from "./errors.ts";
import { resolveTree, type DefinitionRecord, type Resolved, type ResolvedNode } from "./subcommand-tree.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import { callPerPlugin } from "../stages/call-per-plugin.ts";
import { describeName, describeValue, messageOf } from "../core/describe.ts";

/**
 * Options of `cli.command(name, define, options)` (and of `cli.option`).
 *
 * @example
 * ```ts
 * import type { SubcommandOptions } from "hooksmith/nebari";
 *
 * const replaceBuiltin: SubcommandOptions = { override: true };
 * const panel: SubcommandOptions = { helpGroup: "Additional Commands:" };
 * ```
 */
export interface SubcommandOptions {
  /**
   * Replace the definitions of the same name that other plugins add, instead of conflicting
   * with them. Exactly one definition of a name may override; the ones it replaces are listed
   * in `registry.overridden`.
   */
  readonly override?: boolean | undefined;
  /**
   * The help panel the command is listed under in its parent's help (Typer's `rich_help_panel`,
   * commander's `helpGroup(heading)`), e.g. `"Additional Commands:"`. The host's command objects
   * need a `helpGroup(heading)` method (a commander `Command` has one).
   */
  readonly helpGroup?: string | undefined;
}

/**
 * Options of `cli.group(name, options)`: how the group's own command looks. Only one plugin may
 * give them for a group (others only add commands to it), unless one of them overrides.
 *
 * @typeParam Target - The host framework's command type.
 * @example
 * ```ts
 * import type { SubcommandGroupOptions } from "hooksmith/nebari";
 * import type { Command } from "commander";
 *
 * const scaffold: SubcommandGroupOptions<Command> = {
 *   helpGroup: "Additional Commands:",
 *   define: (group) => group.description("Generate standard file/folder content for Nebari components"),
 * };
 * ```
 */
export interface SubcommandGroupOptions<Target = unknown> extends SubcommandOptions {
  /**
   * Configures the group's command object: description, help text, options of the group, and
   * callbacks that run before any of its subcommands (commander's `hook("preAction", …)`,
   * Typer's group callback).
   */
  readonly define?: ((command: Target) => unknown) | undefined;
}

/**
 * Options of `cli.option(flags, description, options)`.
 *
 * @example
 * ```ts
 * import type { SubcommandOptionOptions } from "hooksmith/nebari";
 *
 * const options: SubcommandOptionOptions = { defaultValue: "INFO" };
 * ```
 */
export interface SubcommandOptionOptions {
  /** Replace the options other plugins add with one of the same flags, instead of conflicting. */
  readonly override?: boolean | undefined;
  /** The default value, when the option is given as a description. */
  readonly defaultValue?: unknown;
}

/**
 * What a host lets plugins add besides commands. Every plugin sees it as `cli.exposes`.
 *
 * @example
 * ```ts
 * import type { SubcommandExposure } from "hooksmith/nebari";
 *
 * // Typer's whole app: groups, root options, root callbacks.
 * const everything: SubcommandExposure = { groups: true, rootOptions: true, configureRoot: true };
 * ```
 */
export interface SubcommandExposure {
  /**
   * Plugins may open nested command groups (`cli.group`), including groups other plugins (or the
   * host, through the registry) opened, and add options and callbacks to them. Default `true`.
   */
  readonly groups?: boolean;
  /** Plugins may add options to the root command, global options (`cli.option` at the root). Default `false`. */
  readonly rootOptions?: boolean;
  /** Plugins may configure the root command (`cli.configure` at the root: callbacks, help text). Default `false`. */
  readonly configureRoot?: boolean;
}

/**
 * The `cli` a plugin's `nebari_subcommand` receives from a {@link SubcommandRegistry}: a
 * framework-neutral, recorded view of the host's command tree. The plugin names what it adds and
 * configures the host's command objects (`Target`, e.g. a commander `Command`) in `define`
 * callbacks; the host builds the tree once every plugin has spoken and no name is claimed twice.
 *
 * - `command(name, define)`: a subcommand; `define` builds everything under it (arguments,
 *   options, action, nested commands).
 * - `group(name, { define, helpGroup })`: a nested command group that several plugins may add to
 *   (Typer's `add_typer`); returns the view of the group, with the same methods.
 * - `option(flags, description)`: an option of the view's command (at the root, a global option,
 *   when the host exposes root options).
 * - `configure(define)`: configures the view's command after its subcommands exist: callbacks that
 *   run before them (Typer's `callback`), help text (at the root, when the host exposes it).
 *
 * Names are checked across plugins (a `SubcommandConflictError` names both) and every `define`
 * that throws while the host builds the tree is a `SubcommandError` naming the plugin.
 *
 * @typeParam Target - The host framework's command type.
 * @example
 * ```ts
 * import { hookimpl, type SubcommandCli } from "hooksmith/nebari";
 * import type { Command } from "commander";
 *
 * export const nebari_subcommand = hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
 *   const scaffold = cli.group("scaffold", {
 *     helpGroup: "Additional Commands:",
 *     define: (group) => group.description("Generate standard file/folder content for Nebari components"),
 *   });
 *   scaffold.command("stage", (command) =>
 *     command
 *       .description("Nebari stage type plugin")
 *       .argument("<name>", "name of the stage")
 *       .action((name: string) => console.log(`Stage plugin ${name}`)),
 *   );
 * });
 * ```
 */
export interface SubcommandCli<Target = unknown> {
  /** The plugin this view records definitions for. */
  readonly pluginName: string;
  /** The groups this view adds to: `[]` for the root, `["scaffold"]` inside `cli.group("scaffold")`. */
  readonly path: readonly string[];
  /** What the host lets plugins add besides commands. */
  readonly exposes: Readonly<Required<SubcommandExposure>>;
  /**
   * Adds subcommand `name`. `define` receives the command object the host creates for it
   * (arguments, options, action, nested commands); it runs when the host mounts the registry.
   *
   * @throws {@link SubcommandError} for an invalid name, `define` or options, or once the registry is resolved.
   */
  command(name: string, define: (command: Target) => unknown, options?: SubcommandOptions): void;
  /**
   * Opens the nested group `name` (creating it, or joining the group another plugin opened) and
   * returns its view. `options` configure the group's own command; only one plugin may give them.
   *
   * @throws {@link SubcommandError} for an invalid name or options, when the host does not expose
   *   groups, or once the registry is resolved.
   */
  group(name: string, options?: SubcommandGroupOptions<Target>): SubcommandCli<Target>;
  /**
   * Adds an option to the view's command, claiming its flags (e.g. `"-p, --profile <name>"`):
   * given a description, the host adds it with `command.option(flags, description, defaultValue)`;
   * given a function, the function adds it to the command object itself.
   *
   * @throws {@link SubcommandError} for invalid flags or arguments, at the root when the host does
   *   not expose root options, or once the registry is resolved.
   */
  option(flags: string, describe?: string | ((command: Target) => unknown), options?: SubcommandOptionOptions): void;
  /**
   * Configures the view's command once its subcommands and options exist: callbacks that run
   * before its subcommands (commander's `hook("preAction", …)`), help text.
   *
   * @throws {@link SubcommandError} for a `define` that is not a function, at the root when the
   *   host does not expose it, or once the registry is resolved.
   */
  configure(define: (command: Target) => unknown): void;
}

/**
 * One subcommand added through a {@link SubcommandRegistry}.
 *
 * @example
 * ```ts
 * import type { SubcommandDefinition } from "hooksmith/nebari";
 *
 * const describe = ({ name, path, pluginName }: SubcommandDefinition) => `${[...path, name].join(" ")} (from ${pluginName})`;
 * ```
 */
export interface SubcommandDefinition<Target = unknown> {
  /** What it is. */
  readonly kind: "command";
  /** The subcommand name. */
  readonly name: string;
  /** The groups it is in, outermost first (`[]` at the root). */
  readonly path: readonly string[];
  /** The plugin that added it. */
  readonly pluginName: string;
  /** Configures the host's command object. */
  readonly define: (command: Target) => unknown;
  /** Whether it replaces the other definitions of its name. */
  readonly override: boolean;
  /** The help panel it asked for, if any. */
  readonly helpGroup: string | undefined;
  /** Its position among all definitions, in the order they were added. */
  readonly index: number;
}

/**
 * A nested command group, as resolved from every plugin that opened it.
 *
 * @example
 * ```ts
 * import type { SubcommandGroup } from "hooksmith/nebari";
 *
 * const describe = ({ name, plugins }: SubcommandGroup) => `${name}: commands from ${plugins.join(", ")}`;
 * ```
 */
export interface SubcommandGroup<Target = unknown> {
  /** What it is. */
  readonly kind: "group";
  /** The group name. */
  readonly name: string;
  /** The groups it is in, outermost first (`[]` at the root). */
  readonly path: readonly string[];
  /** The plugin that configures it (gave `define` or `helpGroup`), else the first that opened it. */
  readonly pluginName: string;
  /** Every plugin that opened it, in order, once each. */
  readonly plugins: readonly string[];
  /** Configures the group's command object, if a plugin gave it. */
  readonly define: ((command: Target) => unknown) | undefined;
  /** Whether its configuring plugin asked it to replace other definitions of its name. */
  readonly override: boolean;
  /** The help panel asked for, if any. */
  readonly helpGroup: string | undefined;
  /** The position of its first opening among all definitions. */
  readonly index: number;
}

/**
 * One option added through a {@link SubcommandRegistry}.
 *
 * @example
 * ```ts
 * import type { SubcommandOptionDefinition } from "hooksmith/nebari";
 *
 * const describe = ({ flags, pluginName }: SubcommandOptionDefinition) => `${flags} (from ${pluginName})`;
 * ```
 */
export interface SubcommandOptionDefinition<Target = unknown> {
  /** What it is. */
  readonly kind: "option";
  /** The flags as given, e.g. `"-p, --profile <name>"`. */
  readonly flags: string;
  /** The option names the flags claim, e.g. `["-p", "--profile"]`. */
  readonly names: readonly string[];
  /** The command it belongs to, as a path of groups (`[]` for the root command). */
  readonly path: readonly string[];
  /** The plugin that added it. */
  readonly pluginName: string;
  /** Its description, when given as one. */
  readonly description: string | undefined;
  /** Its default value, when given. */
  readonly defaultValue: unknown;
  /** Adds it to the command object, when given as a function. */
  readonly define: ((command: Target) => unknown) | undefined;
  /** Whether it replaces other options with one of its names. */
  readonly override: boolean;
  /** Its position among all definitions. */
  readonly index: number;
}

/**
 * A definition replaced by another plugin's `{ override: true }` definition of the same name.
 *
 * @example
 * ```ts
 * import type { OverriddenSubcommand } from "hooksmith/nebari";
 *
 * const explain = (entry: OverriddenSubcommand) => `${entry.kind} of ${entry.pluginName} replaced by ${entry.overriddenBy.pluginName}`;
 * ```
 */
export type OverriddenSubcommand<Target = unknown> = (
  SubcommandDefinition<Target> | SubcommandGroup<Target> | SubcommandOptionDefinition<Target>
) & {
  /** The definition that replaced it. */
  readonly overriddenBy: SubcommandDefinition<Target> | SubcommandGroup<Target> | SubcommandOptionDefinition<Target>;
};

/**
 * Where `registry.mount` creates the top-level commands: an object with a `command(name)` method
 * that returns a new subcommand (a commander `Command` is one), or a function doing the same.
 * Commands inside groups are created with the group's command object's own `command(name)`.
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
  | ((name: string, definition: SubcommandDefinition<Target> | SubcommandGroup<Target>) => Target);

/**
 * Options of a {@link SubcommandRegistry}.
 *
 * @example
 * ```ts
 * import type { SubcommandRegistryOptions } from "hooksmith/nebari";
 *
 * const options: SubcommandRegistryOptions = { expose: { rootOptions: true } };
 * ```
 */
export interface SubcommandRegistryOptions {
  /** What plugins may add besides commands (default: groups only). */
  readonly expose?: SubcommandExposure | undefined;
}

/**
 * A framework-neutral registry of the command tree that plugins contribute to, with name
 * collisions reported instead of silently resolved.
 *
 * Each plugin gets its own view, `registry.forPlugin(name)` (a {@link SubcommandCli}), so every
 * definition is recorded with the plugin that added it. The host decides what plugins may add
 * besides commands (`expose`: nested groups, root options, root callbacks). Resolving the registry
 * (explicitly with `resolve()`, or on first use of `commands`, `groups`, `options`, `overridden`
 * or `mount`) checks the names at every level of the tree: a subcommand name, a group's own
 * configuration or an option flag claimed more than once is a {@link hooksmith!SubcommandConflictError}
 * naming the plugins, unless exactly one of the definitions passes `{ override: true }`, which then
 * wins whatever the plugin order (a command overriding a group replaces the whole group). Groups
 * opened by several plugins merge. After that no plugin can add anything.
 *
 * `mount(program)` builds the tree: for each command and group, in the order they were added, the
 * host's command object is created, given its help panel, and configured by its plugin's `define`;
 * each level's options come first, its callbacks (`configure`) last.
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
 * registry
 *   .forPlugin("my-plugin")
 *   .group("scaffold", { define: (group) => group.description("Generate things") })
 *   .command("stage", (command) => command.action(() => console.log("a stage")));
 *
 * const program = new Command("mini-nebari");
 * registry.mount(program);
 * await program.parseAsync(["scaffold", "stage"], { from: "user" });
 * ```
 */
export class SubcommandRegistry<Target = unknown> {
  /** What plugins may add besides commands. */
  readonly exposure: Readonly<Required<SubcommandExposure>>;
  readonly #records: DefinitionRecord<Target>[] = [];
  #resolved: Resolved<Target> | undefined;

  /**
   * @param options - `expose`: what plugins may add besides commands.
   * @throws {TypeError} When an `expose` flag is unknown or not a boolean.
   */
  constructor(options: SubcommandRegistryOptions = {}) {
    const expose = options.expose ?? {};
    for (const [key, value] of Object.entries(expose)) {
      if (!["groups", "rootOptions", "configureRoot"].includes(key)) {
        throw new TypeError(`SubcommandRegistry: unknown expose option "${key}"; known: groups, rootOptions, configureRoot`);
      }
      if (value !== undefined && typeof value !== "boolean") {
        throw new TypeError(`SubcommandRegistry: expose.${key} must be a boolean, got ${describeValue(value)}`);
      }
    }
    this.exposure = Object.freeze({
      groups: expose.groups ?? true,
      rootOptions: expose.rootOptions ?? false,
      configureRoot: expose.configureRoot ?? false,
    });
  }

  /**
   * The root view of one plugin: what it adds is recorded under its name.
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
    return this.#view(pluginName, []);
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

  /** Whether the registry is resolved (no plugin can add anything any more). */
  get resolved(): boolean {
    return this.#resolved !== undefined;
  }

  /** The subcommands that will be mounted, at every level, in the order they were added (resolves the registry). */
  get commands(): readonly SubcommandDefinition<Target>[] {
    return this.#resolve().commands;
  }

  /** The nested groups that will be mounted, in the order they were first opened (resolves the registry). */
  get groups(): readonly SubcommandGroup<Target>[] {
    return this.#resolve().groups;
  }

  /** The options plugins add, in the order they were added (resolves the registry). */
  get options(): readonly SubcommandOptionDefinition<Target>[] {
    return this.#resolve().options;
  }

  /** The definitions replaced by an override, in the order they were added (resolves the registry). */
  get overridden(): readonly OverriddenSubcommand<Target>[] {
    return this.#resolve().overridden;
  }

  /**
   * Builds the command tree on `target`: creates every winning subcommand and group, gives it its
   * help panel, and lets its plugin's `define` configure it; adds each level's options first and
   * runs its `configure` callbacks last. Resolves the registry first.
   *
   * @param target - The root command: an object with `command(name)` returning a new subcommand
   *   (a commander `Command`), which also receives the root options and callbacks plugins add; or
   *   a function `(name, definition) => command` creating the top-level commands (then nothing can
   *   be added to the root command itself). Commands inside a group are created with the group's
   *   command object's `command(name)`.
   * @param create - With an object `target`: creates its top-level commands instead of
   *   `target.command(name)`, e.g. to put plugin commands in a help panel of your choice.
   * @returns The created commands by path (`"hello"`, `"scaffold plugin stage"`).
   * @throws {@link hooksmith!SubcommandConflictError} for unresolved name collisions (nothing is created).
   * @throws {@link SubcommandError} `HOOKSMITH_SUBCOMMAND_DEFINE_FAILED` when a `define` throws,
   *   naming the plugin; `HOOKSMITH_SUBCOMMAND_NOT_EXPOSED` when a plugin asks for a help panel or
   *   a described option and the host's command objects have no `helpGroup` / `option` method.
   * @throws {TypeError} When `target` is neither form, `create` is not a function or comes with a
   *   function `target`, a plugin added root options or callbacks and `target` is a function, or a
   *   group's command object cannot create subcommands.
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
  mount(
    target: SubcommandTarget<Target>,
    create?: (name: string, definition: SubcommandDefinition<Target> | SubcommandGroup<Target>) => Target,
  ): Map<string, Target> {
    const resolved = this.#resolve();
    const isRoot = typeof target === "object" && target !== null && typeof target.command === "function";
    if (typeof target !== "function" && !isRoot) {
      throw new TypeError(
        `SubcommandRegistry.mount needs an object with a command(name) method or a function, got ${describeValue(target)}`,
      );
    }
    if (create !== undefined && (typeof create !== "function" || typeof target === "function")) {
      throw new TypeError(
        `SubcommandRegistry.mount: create must be a function, given with the root command as target; got ${describeValue(create)} with ${describeValue(target)}`,
      );
    }
    const createTop =
      typeof target === "function"
        ? target
        : (create ?? ((name: string): Target => (target as { command(name: string): Target }).command(name)));
    if (typeof target === "function") {
      const rootEntry = resolved.root.options[0] ?? resolved.root.configures[0];
      if (rootEntry !== undefined) {
        throw new TypeError(
          `SubcommandRegistry.mount: plugin "${rootEntry.pluginName}" adds ${rootEntry.kind === "option" ? "options" : "callbacks"} to the root command, ` +
            "but mount got a function, which gives no root command; pass the root command with the function: mount(program, (name, definition) => …)",
        );
      }
    }
    const created = new Map<string, Target>();
    this.#mountNode(resolved.root, typeof target === "function" ? undefined : (target as unknown as Target), createTop, created);
    return created;
  }

  #mountNode(
    node: ResolvedNode<Target>,
    command: Target | undefined,
    createTop: (name: string, definition: SubcommandDefinition<Target> | SubcommandGroup<Target>) => Target,
    created: Map<string, Target>,
  ): void {
    if (command !== undefined) {
      for (const option of node.options) mountOption(option, command);
    }
    for (const child of node.children) {
      const entry = child.kind === "command" ? child : child.group!;
      const label = [...entry.path, entry.name].join(" ");
      let made: Target;
      if (entry.path.length === 0) made = createTop(entry.name, entry);
      else {
        const create = (command as { command?: unknown }).command;
        if (typeof create !== "function") {
          throw new TypeError(
            `SubcommandRegistry.mount: the command object of group ${JSON.stringify(entry.path.join(" "))} has no command(name) method to create ${JSON.stringify(entry.name)} in; ` +
              "mount needs command objects that create subcommands (or expose no groups)",
          );
        }
        made = create.call(command, entry.name) as Target;
      }
      if (entry.helpGroup !== undefined) {
        const helpGroup = (made as { helpGroup?: unknown }).helpGroup;
        if (typeof helpGroup !== "function") {
          throw new SubcommandError(
            `Plugin "${entry.pluginName}" puts subcommand ${JSON.stringify(label)} in help panel ${JSON.stringify(entry.helpGroup)}, but the host's command objects have no helpGroup(heading) method`,
            { code: "HOOKSMITH_SUBCOMMAND_NOT_EXPOSED", pluginName: entry.pluginName, commandName: label },
          );
        }
        helpGroup.call(made, entry.helpGroup);
      }
      if (entry.define !== undefined) {
        const define = entry.define;
        attributed(entry.pluginName, label, `define subcommand ${JSON.stringify(label)}`, () => define(made));
      }
      created.set(label, made);
      if (child.kind === "group") this.#mountNode(child, made, createTop, created);
    }
    if (command !== undefined) {
      for (const record of node.configures) {
        const label = record.path.length === 0 ? undefined : record.path.join(" ");
        attributed(
          record.pluginName,
          label,
          label === undefined ? "configure the root command" : `configure subcommand ${JSON.stringify(label)}`,
          () => record.define(command),
        );
      }
    }
  }

  #view(pluginName: string, path: readonly string[]): SubcommandCli<Target> {
    const addCommand = (name: unknown, define: unknown, options: unknown): void =>
      this.#addCommand(pluginName, path, name, define, options);
    const addGroup = (name: unknown, options: unknown): SubcommandCli<Target> => {
      this.#addGroup(pluginName, path, name, options);
      return this.#view(pluginName, [...path, name as string]);
    };
    const addOption = (flags: unknown, describe: unknown, options: unknown): void =>
      this.#addOption(pluginName, path, flags, describe, options);
    const addConfigure = (define: unknown): void => this.#addConfigure(pluginName, path, define);
    return Object.freeze({
      pluginName,
      path: Object.freeze([...path]),
      exposes: this.exposure,
      command(name: string, define: (command: Target) => unknown, options?: SubcommandOptions): void {
        addCommand(name, define, options);
      },
      group(name: string, options?: SubcommandGroupOptions<Target>): SubcommandCli<Target> {
        return addGroup(name, options);
      },
      option(flags: string, describe?: string | ((command: Target) => unknown), options?: SubcommandOptionOptions): void {
        addOption(flags, describe, options);
      },
      configure(define: (command: Target) => unknown): void {
        addConfigure(define);
      },
    });
  }

  #checkOpen(pluginName: string, path: readonly string[], what: string, commandName: string | undefined): void {
    if (this.#resolved === undefined) return;
    throw new SubcommandError(
      `Plugin "${pluginName}" added ${what}${describePath(path)} after the subcommands were resolved; add them while nebari_subcommand runs`,
      { code: "HOOKSMITH_SUBCOMMAND_REGISTRY_CLOSED", pluginName, commandName },
    );
  }

  #addCommand(pluginName: string, path: readonly string[], name: unknown, define: unknown, options: unknown): void {
    const label = commandLabel(path, name);
    this.#checkOpen(pluginName, path, `subcommand ${describeName(name)}`, label);
    checkName(pluginName, path, name, "subcommand");
    if (typeof define !== "function") {
      invalid(
        pluginName,
        label,
        `gave subcommand ${describeName(name)}${describePath(path)} a define that is not a function: ${describeValue(define)}`,
      );
    }
    const { override, helpGroup } = readOptions(pluginName, label, `subcommand ${describeName(name)}`, options, [
      "override",
      "helpGroup",
    ]);
    this.#records.push(
      Object.freeze({
        kind: "command" as const,
        name: name as string,
        path: Object.freeze([...path]),
        pluginName,
        define: define as (command: Target) => unknown,
        override,
        helpGroup,
        index: this.#records.length,
      }),
    );
  }

  #addGroup(pluginName: string, path: readonly string[], name: unknown, options: unknown): void {
    const label = commandLabel(path, name);
    this.#checkOpen(pluginName, path, `group ${describeName(name)}`, label);
    if (!this.exposure.groups) {
      throw new SubcommandError(
        `Plugin "${pluginName}" opened command group ${describeName(name)}${describePath(path)}, but this host does not let plugins add nested groups; add a subcommand and build its tree in define`,
        { code: "HOOKSMITH_SUBCOMMAND_NOT_EXPOSED", pluginName, commandName: label },
      );
    }
    checkName(pluginName, path, name, "group");
    const read = readOptions(pluginName, label, `group ${describeName(name)}`, options, ["override", "helpGroup", "define"]);
    this.#records.push(
      Object.freeze({
        kind: "group" as const,
        name: name as string,
        path: Object.freeze([...path]),
        pluginName,
        define: read.define as ((command: Target) => unknown) | undefined,
        override: read.override,
        helpGroup: read.helpGroup,
        index: this.#records.length,
      }),
    );
  }

  #addOption(pluginName: string, path: readonly string[], flags: unknown, describe: unknown, options: unknown): void {
    const label = path.length === 0 ? undefined : path.join(" ");
    const subject = `option ${describeName(flags)}`;
    this.#checkOpen(pluginName, path, subject, label);
    if (path.length === 0 && !this.exposure.rootOptions) {
      throw new SubcommandError(
        `Plugin "${pluginName}" added root ${subject}, but this host does not let plugins add options to the root command; add it to one of the plugin's own subcommands`,
        { code: "HOOKSMITH_SUBCOMMAND_NOT_EXPOSED", pluginName, commandName: label },
      );
    }
    const names = typeof flags === "string" ? optionNames(flags) : [];
    if (names.length === 0) {
      invalid(
        pluginName,
        label,
        `gave invalid option flags ${describeName(flags)}${describePath(path)}: expected e.g. "-p, --profile <name>"`,
      );
    }
    if (describe !== undefined && typeof describe !== "string" && typeof describe !== "function") {
      invalid(
        pluginName,
        label,
        `gave ${subject}${describePath(path)} a description that is neither a string nor a function: ${describeValue(describe)}`,
      );
    }
    const read = readOptions(pluginName, label, subject, options, ["override", "defaultValue"]);
    if (typeof describe === "function" && read.hasDefault) {
      invalid(
        pluginName,
        label,
        `gave ${subject}${describePath(path)} a defaultValue next to a function; set the default in the function`,
      );
    }
    this.#records.push(
      Object.freeze({
        kind: "option" as const,
        flags: flags as string,
        names: Object.freeze(names),
        path: Object.freeze([...path]),
        pluginName,
        description: typeof describe === "string" ? describe : undefined,
        defaultValue: read.defaultValue,
        define: typeof describe === "function" ? (describe as (command: Target) => unknown) : undefined,
        override: read.override,
        index: this.#records.length,
      }),
    );
  }

  #addConfigure(pluginName: string, path: readonly string[], define: unknown): void {
    const label = path.length === 0 ? undefined : path.join(" ");
    this.#checkOpen(pluginName, path, "a configure callback", label);
    if (path.length === 0 && !this.exposure.configureRoot) {
      throw new SubcommandError(
        `Plugin "${pluginName}" asked to configure the root command, but this host does not let plugins configure it; configure one of the plugin's own subcommands or groups`,
        { code: "HOOKSMITH_SUBCOMMAND_NOT_EXPOSED", pluginName, commandName: label },
      );
    }
    if (typeof define !== "function") {
      invalid(pluginName, label, `gave configure${describePath(path)} a define that is not a function: ${describeValue(define)}`);
    }
    this.#records.push(
      Object.freeze({
        kind: "configure" as const,
        path: Object.freeze([...path]),
        pluginName,
        define: define as (command: Target) => unknown,
        index: this.#records.length,
      }),
    );
  }

  #resolve(): Resolved<Target> {
    if (this.#resolved !== undefined) return this.#resolved;
    const { resolved, conflicts } = resolveTree(this.#records);
    if (conflicts.length > 0) throw new SubcommandConflictError(conflicts);
    this.#resolved = resolved;
    return resolved;
  }
}

/**
 * Options of `collectSubcommands`.
 *
 * @example
 * ```ts
 * import type { CollectSubcommandsOptions } from "hooksmith/nebari";
 *
 * const options: CollectSubcommandsOptions = { argName: "cli", expose: { rootOptions: true } };
 * ```
 */
export interface CollectSubcommandsOptions {
  /** The name of the hook argument that receives the registry view; default `"cli"`. */
  readonly argName?: string;
  /** Cancels the collection between plugins. */
  readonly signal?: AbortSignal;
  /** What plugins may add besides commands (default: nested groups only). */
  readonly expose?: SubcommandExposure | undefined;
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
 * @param options - `argName`, `signal`, `expose`.
 * @returns The resolved registry; `mount` it on the host's program.
 * @throws {@link hooksmith!PluginHookError} naming the plugin when an implementation throws (including a
 *   {@link SubcommandError} for an invalid definition) or is a wrapper.
 * @throws {@link hooksmith!SubcommandConflictError} when plugins claim one name without a single override.
 * @example
 * ```ts
 * import { collectSubcommands } from "hooksmith/nebari";
 * import { Command } from "commander";
 *
 * const registry = await collectSubcommands<Command>(pm, "nebari_subcommand", { expose: { rootOptions: true } });
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
  const registry = new SubcommandRegistry<Target>({ expose: options.expose });
  await callPerPlugin(manager, hookName, (pluginName) => ({ [argName]: registry.forPlugin(pluginName) }), {
    signal: options.signal,
  });
  return registry.resolve();
}

// --- internals ---

/** Runs a plugin's callback while mounting, turning its error into a `SubcommandError` naming it. */
function attributed(pluginName: string, commandName: string | undefined, what: string, run: () => unknown): void {
  try {
    run();
  } catch (error) {
    throw new SubcommandError(`Plugin "${pluginName}" failed to ${what}: ${messageOf(error)}`, {
      code: "HOOKSMITH_SUBCOMMAND_DEFINE_FAILED",
      pluginName,
      commandName,
      cause: error,
    });
  }
}

function mountOption<Target>(option: SubcommandOptionDefinition<Target>, command: Target): void {
  const label = option.path.length === 0 ? undefined : option.path.join(" ");
  const what = `define option ${JSON.stringify(option.flags)}${label === undefined ? "" : ` of subcommand ${JSON.stringify(label)}`}`;
  if (option.define !== undefined) {
    const define = option.define;
    attributed(option.pluginName, label, what, () => define(command));
    return;
  }
  const add = (command as { option?: unknown }).option;
  if (typeof add !== "function") {
    throw new SubcommandError(
      `Plugin "${option.pluginName}" adds option ${JSON.stringify(option.flags)} by description, but the host's command objects have no option(flags, description, defaultValue) method; give a function that adds it`,
      { code: "HOOKSMITH_SUBCOMMAND_NOT_EXPOSED", pluginName: option.pluginName, commandName: label },
    );
  }
  const args: unknown[] = [option.flags, option.description ?? ""];
  if (option.defaultValue !== undefined) args.push(option.defaultValue);
  attributed(option.pluginName, label, what, () => add.apply(command, args));
}

function readOptions(
  pluginName: string,
  label: string | undefined,
  subject: string,
  options: unknown,
  known: readonly string[],
): { override: boolean; helpGroup: string | undefined; define: unknown; defaultValue: unknown; hasDefault: boolean } {
  if (options === undefined)
    return { override: false, helpGroup: undefined, define: undefined, defaultValue: undefined, hasDefault: false };
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    invalid(pluginName, label, `gave ${subject} options that are not an object: ${describeValue(options)}`);
  }
  const record = options as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!known.includes(key))
      invalid(pluginName, label, `gave ${subject} the unknown option "${key}"; known: ${known.join(", ")}`);
  }
  const { override, helpGroup, define } = record;
  if (override !== undefined && typeof override !== "boolean") {
    invalid(pluginName, label, `gave ${subject} an override option that is not a boolean: ${describeValue(override)}`);
  }
  if (helpGroup !== undefined && (typeof helpGroup !== "string" || helpGroup.trim() === "")) {
    invalid(pluginName, label, `gave ${subject} a helpGroup that is not a non-empty string: ${describeValue(helpGroup)}`);
  }
  if (define !== undefined && typeof define !== "function") {
    invalid(pluginName, label, `gave ${subject} a define that is not a function: ${describeValue(define)}`);
  }
  return {
    override: override === true,
    helpGroup: helpGroup as string | undefined,
    define,
    defaultValue: record["defaultValue"],
    hasDefault: record["defaultValue"] !== undefined,
  };
}

function checkName(pluginName: string, path: readonly string[], name: unknown, what: string): void {
  if (typeof name !== "string" || !/^[^\s-]\S*$/.test(name)) {
    invalid(
      pluginName,
      typeof name === "string" ? commandLabel(path, name) : undefined,
      `gave an invalid ${what} name ${describeName(name)}${describePath(path)}: a name is one word, not starting with "-" (declare arguments in define)`,
    );
  }
}

function invalid(pluginName: string, commandName: string | undefined, problem: string): never {
  throw new SubcommandError(`Plugin "${pluginName}" ${problem}`, {
    code: "HOOKSMITH_INVALID_SUBCOMMAND",
    pluginName,
    commandName,
  });
}

/** The option names in commander-style flags: `"-p, --profile <name>"` gives `["-p", "--profile"]`. */
function optionNames(flags: string): string[] {
  const names: string[] = [];
  for (const token of flags.split(/[\s,|]+/)) {
    if (token === "") continue;
    if (/^--?[^\s-<[][^\s<[]*$/.test(token)) names.push(token);
    else if (!/^[<[]/.test(token)) return [];
  }
  return names;
}

function commandLabel(path: readonly string[], name: unknown): string | undefined {
  return typeof name === "string" ? [...path, name].join(" ") : undefined;
}

function describePath(path: readonly string[]): string {
  return path.length === 0 ? "" : ` in group ${JSON.stringify(path.join(" "))}`;
}
