import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  deployStages,
  destroyStages,
  NebariStage,
  nestContexts,
  planStages,
  renderStages,
  resolveStages,
  validateStageConfig,
  type DestroyReport,
  type InferSchemaOutput,
  type RenderReport,
  type StageClass,
  type StageConfigResult,
  type StageOutputs,
  type StagePlan,
  type StageRunOptions,
  type StageStatus,
} from "../../src/index.ts";

class Hello extends NebariStage {
  static override stageName = "hello";
  static override priority = 1;
}

class Typed extends NebariStage<{ region: string }> {
  static override stageName = "typed";
  static override priority = 2;
  static override inputSchema = z.object({ region: z.string() });
  static override after = ["hello"];
  override deploy(_stageOutputs: StageOutputs, { signal }: StageRunOptions) {
    expectTypeOf(this.config.region).toEqualTypeOf<string>();
    expectTypeOf(signal).toEqualTypeOf<AbortSignal>();
  }
}

describe("stage types", () => {
  it("accepts subclasses of any config type as StageClass", () => {
    const stages: StageClass[] = [Hello, Typed];
    expectTypeOf(stages).toEqualTypeOf<StageClass[]>();
  });

  it("gives instances a typed name, priority, config and outputDirectory", () => {
    const stage = new Typed({ outputDirectory: ".", config: { region: "eu" } });
    expectTypeOf(stage.name).toEqualTypeOf<string>();
    expectTypeOf(stage.priority).toEqualTypeOf<number>();
    expectTypeOf(stage.config).toEqualTypeOf<{ region: string }>();
    expectTypeOf(stage.outputDirectory).toEqualTypeOf<string>();
  });

  it("rejects a constructor call without the init object", () => {
    // @ts-expect-error positional arguments are not the constructor's shape
    new Hello(".", {});
  });

  it("rejects a non-numeric priority and a non-schema inputSchema at the class", () => {
    // @ts-expect-error priority must be a number
    class _BadPriority extends NebariStage {
      static override priority = "high";
    }
    // @ts-expect-error inputSchema must be a Standard Schema
    class _BadSchema extends NebariStage {
      static override inputSchema = { parse: () => 1 };
    }
  });

  it("rejects a stage that renders something other than a file map", () => {
    class _BadRender extends NebariStage {
      // @ts-expect-error render must return path → string | Uint8Array
      override render() {
        return { "a.txt": 1 };
      }
    }
  });

  it("accepts generator, async generator, plain and async deploy methods", () => {
    class _Gen extends NebariStage {
      override *deploy() {
        yield;
      }
    }
    class _Async extends NebariStage {
      override async deploy() {}
    }
    class _Check extends NebariStage {
      override async check() {
        return false;
      }
    }
  });

  it("reads schema output types", () => {
    expectTypeOf<InferSchemaOutput<typeof Typed.inputSchema>>().toEqualTypeOf<{ region: string }>();
  });
});

describe("stage functions", () => {
  it("resolve and plan", () => {
    expectTypeOf(resolveStages([Hello, { stage: Typed, source: "plugin" }])).toEqualTypeOf<StageClass[]>();
    expectTypeOf(planStages([Hello], { excludeStages: ["x", /y/], excludeSources: ["builtin"] })).toEqualTypeOf<StagePlan>();
    // @ts-expect-error exclusion patterns are strings or RegExps
    resolveStages([Hello], { excludeStages: [1] });
  });

  it("run the flows", () => {
    const options = { config: {}, outputDirectory: "." };
    expectTypeOf(deployStages([Hello], options)).toEqualTypeOf<Promise<StageOutputs>>();
    expectTypeOf(destroyStages([Hello], options)).toEqualTypeOf<Promise<DestroyReport>>();
    expectTypeOf(renderStages([Hello], { ...options, dryRun: true })).toEqualTypeOf<Promise<RenderReport>>();
    expectTypeOf(validateStageConfig([Hello, Typed], {})).toEqualTypeOf<Promise<StageConfigResult>>();
    // @ts-expect-error outputDirectory is required
    void deployStages([Hello], { config: {} });
  });

  it("pin the report shapes of the contract", () => {
    expectTypeOf<DestroyReport>().toEqualTypeOf<{ status: Record<string, boolean>; skipped: string[] }>();
    expectTypeOf<RenderReport["new"]>().toEqualTypeOf<string[]>();
    expectTypeOf<RenderReport["untracked"]>().toEqualTypeOf<string[]>();
  });
});

describe("nestContexts in a subclass's deploy and destroy", () => {
  it("compiles yield* nestContexts(super.deploy(...), own()) with or without annotations", () => {
    function* providerContext(): Generator<void, void, unknown> {
      yield;
    }
    class Parent extends NebariStage {
      static override stageName = "parent";
      static override priority = 1;
    }
    class Child extends Parent {
      override async *deploy(outputs: StageOutputs, options: StageRunOptions) {
        yield* nestContexts(super.deploy(outputs, options), providerContext());
      }
      override async *destroy(outputs: StageOutputs, status: StageStatus) {
        yield* nestContexts(super.destroy(outputs, status), providerContext());
      }
    }
    class GrandChild extends Child {
      override async *deploy(outputs: StageOutputs, options: StageRunOptions): AsyncGenerator<void, void, unknown> {
        yield* nestContexts(
          super.deploy(outputs, options),
          (async function* () {
            yield;
          })(),
        );
      }
    }
    expectTypeOf(nestContexts).returns.toEqualTypeOf<AsyncGenerator<void, void, unknown>>();
    expectTypeOf(GrandChild).toExtend<StageClass>();
    // A value that is no context is refused.
    // @ts-expect-error a number is not a deploy's result nor a generator
    void nestContexts(42);
  });
});
