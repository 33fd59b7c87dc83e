import type { Command } from "commander";
import { describe, expectTypeOf, it } from "vitest";
import { collectStages, PluginManager, type CollectedStagePlan, type Plugin, type StageContributorSource } from "hooksmith";
import {
  createNebariPluginManager,
  hookimpl,
  NebariHookspecs,
  NebariPluginManager,
  NebariStage,
  scanStartupArgs,
  SubcommandRegistry,
  type NebariLoadReport,
  type NebariPluginInfo,
  type NebariStageSnapshot,
  type StageClass,
  type StageOutputs,
  type StartupArgs,
  type SubcommandCli,
  type SubcommandDefinition,
} from "hooksmith/nebari";
import * as root from "hooksmith";

class HelloWorldStage extends NebariStage {
  static override stageName = "hello_world";
  static override priority = 100;
  override async *deploy(stageOutputs: StageOutputs) {
    stageOutputs[this.name] = { hello: "world" };
    yield;
  }
}

describe("hooksmith/nebari types", () => {
  it("re-exports the root NebariStage", () => {
    expectTypeOf<typeof NebariStage>().toEqualTypeOf<typeof root.NebariStage>();
  });

  it("types nebari_stage as returning stage classes, not instances", () => {
    const plugin = { nebari_stage: hookimpl(() => [HelloWorldStage]) } satisfies Plugin<NebariHookspecs>;
    expectTypeOf(plugin.nebari_stage).returns.toEqualTypeOf<(typeof HelloWorldStage)[]>();
    const lazy = { nebari_stage: hookimpl(async () => [HelloWorldStage]) } satisfies Plugin<NebariHookspecs>;
    expectTypeOf(lazy).toBeObject();

    const instances = { nebari_stage: hookimpl(() => [new HelloWorldStage({ outputDirectory: ".", config: {} })]) };
    // @ts-expect-error instances are not stage classes
    instances satisfies Plugin<NebariHookspecs>;
  });

  it("types cli with the host's type", () => {
    const plugin = {
      nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
        cli.command("hello", (command) => {
          expectTypeOf(command).toEqualTypeOf<Command>();
          return command.description("hi");
        });
        // @ts-expect-error override must be a boolean
        cli.command("x", () => undefined, { override: "yes" });
      }),
    } satisfies Plugin<NebariHookspecs<SubcommandCli<Command>>>;
    expectTypeOf(plugin).toBeObject();

    const nested = {
      nebari_subcommand: hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
        const scaffold = cli.group("scaffold", {
          helpGroup: "Additional Commands:",
          define: (group) => {
            expectTypeOf(group).toEqualTypeOf<Command>();
            return group.description("Scaffold things");
          },
        });
        expectTypeOf(scaffold).toEqualTypeOf<SubcommandCli<Command>>();
        expectTypeOf(scaffold.path).toEqualTypeOf<readonly string[]>();
        expectTypeOf(cli.exposes.rootOptions).toEqualTypeOf<boolean>();
        scaffold.option("-o, --out <dir>", "the output directory", { defaultValue: "." });
        scaffold.option("--force", (command) => command.option("--force"));
        scaffold.configure((command) => command.hook("preAction", () => undefined));
        // @ts-expect-error a group's define receives the host's command type
        cli.group("x", { define: (group: string) => group });
      }),
    } satisfies Plugin<NebariHookspecs<SubcommandCli<Command>>>;
    expectTypeOf(nested).toBeObject();

    const wrongArgument = { nebari_subcommand: hookimpl(({ app }: { app: unknown }) => app) };
    // @ts-expect-error the argument is called cli
    wrongArgument satisfies Plugin<NebariHookspecs<SubcommandCli<Command>>>;
  });

  it("types the manager's hooks, loading, listing and snapshot", async () => {
    const nebari = new NebariPluginManager<SubcommandCli<Command>>();
    expectTypeOf(nebari).toExtend<PluginManager<NebariHookspecs<SubcommandCli<Command>>>>();
    expectTypeOf(createNebariPluginManager()).toEqualTypeOf<NebariPluginManager<SubcommandCli>>();
    expectTypeOf(nebari.hook.nebari_subcommand).parameter(0).toEqualTypeOf<{ cli: SubcommandCli<Command> }>();
    expectTypeOf(await nebari.loadPlugins()).toEqualTypeOf<NebariLoadReport>();
    expectTypeOf(nebari.listPlugins()).toEqualTypeOf<NebariPluginInfo[]>();
    expectTypeOf(nebari.listPlugins()[0]!.source).toEqualTypeOf<StageContributorSource>();

    const run = await nebari.snapshotStages({ excludeStages: ["x", /y/], excludeDefaultStages: true });
    expectTypeOf(run).toEqualTypeOf<NebariStageSnapshot>();
    expectTypeOf(run.stages).toEqualTypeOf<readonly StageClass[]>();
    expectTypeOf(run.plan).toEqualTypeOf<CollectedStagePlan>();
    expectTypeOf(run.plan.order[0]!.contributor.source).toEqualTypeOf<StageContributorSource>();
    expectTypeOf(await run.deploy({ config: {}, outputDirectory: "." })).toEqualTypeOf<StageOutputs>();
  });

  it("offers collectSubcommands only when cli is a SubcommandCli", async () => {
    const nebari = new NebariPluginManager<SubcommandCli<Command>>();
    expectTypeOf(await nebari.collectSubcommands()).toEqualTypeOf<SubcommandRegistry<Command>>();
    expectTypeOf((await nebari.collectSubcommands()).commands).toEqualTypeOf<readonly SubcommandDefinition<Command>[]>();

    const direct = new NebariPluginManager<Command>();
    // @ts-expect-error this host hands its commander program to plugins directly
    await direct.collectSubcommands();
  });

  it("types the generic collector and the startup scan", async () => {
    const pm = new PluginManager("example");
    expectTypeOf(await collectStages(pm, "example_stage")).toEqualTypeOf<CollectedStagePlan>();
    expectTypeOf(scanStartupArgs(process.argv.slice(2))).toEqualTypeOf<StartupArgs>();
    const registry = new SubcommandRegistry<Command>();
    // @ts-expect-error mount needs a command factory
    registry.mount({});
  });
});
