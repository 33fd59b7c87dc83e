import type { StageClass } from "../stages/stage-types.ts";
import { hookspec } from "./markers.ts";
import type { SubcommandCli } from "./subcommands.ts";

/**
 * What a `nebari_stage` implementation returns: stage **classes** (constructors), not
 * instances; the flows construct a fresh instance per run. A promise of the list is awaited, so
 * an implementation may import heavy stage modules lazily.
 *
 * @example
 * ```ts
 * import type { NebariStageHookResult } from "hooksmith/nebari";
 *
 * const lazy = async (): Promise<NebariStageHookResult> => [(await import("./heavy-stage.js")).HeavyStage];
 * ```
 */
export type NebariStageHookResult = readonly StageClass[] | PromiseLike<readonly StageClass[]>;

/**
 * The hook specifications of the preset, as a class: pass it to `addHookspecs` (the
 * `NebariPluginManager` does), and use it as the spec map of a typed manager,
 * `PluginManager<NebariHookspecs<Cli>>`, or to type-check a plugin with
 * `satisfies Plugin<NebariHookspecs<Cli>>`.
 *
 * - `nebari_stage()`: returns the stage classes the plugin contributes. Nebari's own spec says
 *   it returns stage instances, while every Nebari plugin returns classes; here the type says
 *   classes.
 * - `nebari_subcommand({ cli })`: adds the plugin's subcommands to the host's `cli`. `Cli` is
 *   the host's type; with `NebariPluginManager.collectSubcommands` it is a
 *   {@link SubcommandCli}, a framework-neutral registry view.
 *
 * @typeParam Cli - The type of the `cli` object the host passes to `nebari_subcommand`.
 * @example
 * ```ts
 * import { hookimpl, NebariStage, type NebariHookspecs, type SubcommandCli } from "hooksmith/nebari";
 * import type { Plugin } from "hooksmith";
 * import type { Command } from "commander";
 *
 * class HelloWorldStage extends NebariStage {
 *   static override stageName = "hello_world";
 *   static override priority = 100;
 * }
 *
 * export const plugin = {
 *   nebari_stage: hookimpl(() => [HelloWorldStage]),
 *   nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
 *     cli.command("hello", (command) => command.action(() => console.log("Hello")));
 *   }),
 * } satisfies Plugin<NebariHookspecs<SubcommandCli<Command>>>;
 * ```
 */
export class NebariHookspecs<Cli = SubcommandCli> {
  /**
   * Registers stages: returns the stage classes this plugin contributes.
   *
   * @returns Stage classes (or a promise of them).
   */
  nebari_stage(): NebariStageHookResult {
    return [];
  }

  /**
   * Registers subcommands on the host's command-line interface.
   *
   * @param args - `{ cli }`, the host's command registry.
   * @returns Nothing (or a promise of nothing).
   */
  nebari_subcommand(args: { cli: Cli }): void | PromiseLike<void> {
    void args;
  }
}

// The argument names are given explicitly, so minified builds keep the argument checks.
hookspec({ argnames: [] })(NebariHookspecs.prototype.nebari_stage);
hookspec({ argnames: ["cli"] })(NebariHookspecs.prototype.nebari_subcommand);
