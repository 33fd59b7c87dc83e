import { Command } from "commander";
import { describe, expectTypeOf, it } from "vitest";
import type { FirstResult, HookImpl, PluginManager, RenderReport, StageOutputs } from "hooksmith";
import { NebariHookspecs, NebariPluginManager, NebariStage, type SubcommandCli } from "hooksmith/nebari";
import {
  createNebariCliHost,
  createStageHarness,
  createTestNebariPluginManager,
  createTestPluginManager,
  recordHookCalls,
  runCli,
  validatePlugin,
  type AnyRecordedHookCall,
  type CliProgramFactory,
  type CliResult,
  type DeployedStages,
  type HookCallRecorder,
  type PluginProblem,
  type RecordedHookCall,
  type RecordedHookCallOf,
  type StageHarness,
  type TestNebariPluginManager,
  type TestPluginManager,
} from "hooksmith/testing";

interface Specs {
  greet(args: { name: string }): string;
  pick: FirstResult<(args: { id: number }) => boolean>;
  ready(): void;
}

class Hello extends NebariStage {
  static override stageName = "hello";
  static override priority = 1;
}

describe("hooksmith/testing types", () => {
  it("types a test manager by its specs, and keeps it a PluginManager", () => {
    const pm = createTestPluginManager<Specs>("example");
    expectTypeOf(pm).toEqualTypeOf<TestPluginManager<Specs>>();
    expectTypeOf(pm).toMatchTypeOf<PluginManager<Specs>>();
    expectTypeOf(pm.hook.greet({ name: "Ada" })).toEqualTypeOf<string[]>();
    expectTypeOf(pm.hook.pick({ id: 1 })).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(pm.warnings).toEqualTypeOf<readonly Error[]>();
    // @ts-expect-error: the arguments are checked
    pm.hook.greet({ nmae: "Ada" });
    // @ts-expect-error: a plugin list is not a number
    createTestPluginManager<Specs>("example", { plugins: 3 });
  });

  it("types the nebari test manager by its Cli", () => {
    const nebari = createTestNebariPluginManager<SubcommandCli<Command>>({ plugins: [{}] });
    expectTypeOf(nebari).toEqualTypeOf<TestNebariPluginManager<SubcommandCli<Command>>>();
    expectTypeOf(nebari).toMatchTypeOf<NebariPluginManager<SubcommandCli<Command>>>();
    // @ts-expect-error: warnings are collected, not sent elsewhere
    createTestNebariPluginManager({ warn: () => {} });
  });

  it("types recorded calls by hook", () => {
    const recorder = recordHookCalls(createTestPluginManager<Specs>("example"));
    expectTypeOf(recorder).toEqualTypeOf<HookCallRecorder<Specs>>();
    const [call] = recorder.callsOf("greet");
    expectTypeOf(call!).toEqualTypeOf<RecordedHookCallOf<Specs, "greet">>();
    expectTypeOf(call!).toMatchTypeOf<RecordedHookCall>();
    expectTypeOf(call!.args).toEqualTypeOf<{ name: string }>();
    expectTypeOf(call!.result).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(call!.ran[0]!.hookImpl).toEqualTypeOf<HookImpl>();
    expectTypeOf(recorder.callsOf("pick")[0]!.result).toEqualTypeOf<boolean | undefined>();
    // @ts-expect-error: no such hook
    recorder.callsOf("greeet");
    // @ts-expect-error: only hooks of the specs can be filtered
    recordHookCalls(createTestPluginManager<Specs>("example"), { hooks: ["greeet"] });

    const any: AnyRecordedHookCall<Specs> = recorder.calls[0]!;
    if (any.hookName === "greet") expectTypeOf(any.args).toEqualTypeOf<{ name: string }>();
    if (any.hookName === "pick") expectTypeOf(any.args).toEqualTypeOf<{ id: number }>();
    recorder[Symbol.dispose]();
  });

  it("returns problems from validatePlugin", () => {
    expectTypeOf(validatePlugin(NebariHookspecs, {})).toEqualTypeOf<PluginProblem[]>();
    expectTypeOf<PluginProblem["error"]>().toEqualTypeOf<Error>();
    // @ts-expect-error: a plugin is an object
    validatePlugin(NebariHookspecs, "plugin");
  });

  it("types the stage harness", async () => {
    const harness = await createStageHarness([Hello], { config: {} });
    expectTypeOf(harness).toEqualTypeOf<StageHarness>();
    expectTypeOf(await harness.render()).toMatchTypeOf<{ files: Readonly<Record<string, string>>; report: RenderReport }>();
    const deployed = await harness.deploy({ stageOutputs: {} });
    expectTypeOf(deployed).toEqualTypeOf<DeployedStages>();
    expectTypeOf(deployed.stageOutputs).toEqualTypeOf<StageOutputs>();
    expectTypeOf(await harness.check()).toEqualTypeOf<true>();
    expectTypeOf(harness[Symbol.asyncDispose]()).toEqualTypeOf<Promise<void>>();
    // @ts-expect-error: a stage class, not an instance
    await createStageHarness(new Hello({ outputDirectory: ".", config: {} }));
  });

  it("accepts a host's createProgram whose options are a superset, and a commander root", async () => {
    interface CreateProgramOptions {
      readonly argv?: readonly string[];
      readonly plugins?: Iterable<readonly [name: string, plugin: object]>;
      readonly entryPoints?: boolean;
      readonly io?: { readonly stdout: { write(text: string): unknown }; readonly stderr: { write(text: string): unknown } };
      readonly cwd?: string;
    }
    const createProgram = async (_options?: CreateProgramOptions): Promise<Command> => new Command("mini-nebari");
    const main = async (_argv: readonly string[], _options?: CreateProgramOptions): Promise<number> => 0;
    expectTypeOf(await runCli(createProgram, ["--help"], { plugins: { hello: {} } })).toEqualTypeOf<CliResult>();
    await runCli({ run: main }, []);
    const host = createNebariCliHost({ program: () => new Command("nebari") });
    expectTypeOf(host).toEqualTypeOf<CliProgramFactory>();
    // @ts-expect-error: a program needs parseAsync
    await runCli(() => ({ parse: () => {} }), []);
    // @ts-expect-error: plugins are named
    await runCli(createProgram, [], { plugins: [{}] });
  });
});
