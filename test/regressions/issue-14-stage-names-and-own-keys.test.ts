// Issue 14, items 11 and 12 (stage part): a stage named `__proto__` put its outputs on the
// prototype of `stageOutputs` and its failed destroy vanished from the report; names such as
// `constructor` or a `configKey` of `toString` read inherited members of Object.prototype as if
// they were set; a throwing `stageName` getter escaped as a raw error naming no plugin; a schema
// that overflows the stack escaped as a raw RangeError.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  deployStages,
  destroyStages,
  NebariStage,
  resolveStages,
  StageConfigError,
  StageDefinitionError,
  validateStageConfig,
  type StageClass,
  type StageOutputs,
  type StandardSchemaV1,
} from "hooksmith";

/** A stage class with the given name that does nothing. */
function named(stageName: string, priority = 1): StageClass {
  return class extends NebariStage {
    static override stageName = stageName;
    static override priority = priority;
  };
}

describe("Stage names", () => {
  it.each([
    "01-terraform-state",
    "02-infrastructure",
    "08-nebari-tf-extensions",
    "10-kubernetes-kuberhealthy",
    "11-kubernetes-kuberhealthy-healthchecks",
    "hello_world",
    "bootstrap",
    "status-page",
    "constructor",
  ])("admits Nebari's real and other ordinary names such as %s", (name) => {
    expect(resolveStages([named(name)]).map((stage) => stage.stageName)).toEqual([name]);
  });

  it.each(["__proto__", "_private", "-dash", "with space", "a/b", "x".repeat(129), "é"])(
    "refuses the name %j with a StageDefinitionError naming the rule",
    (name) => {
      let caught: unknown;
      try {
        resolveStages([{ stage: named(name), source: "my-plugin" }]);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(StageDefinitionError);
      expect(caught).toMatchObject({ code: "HOOKSMITH_INVALID_STAGE", property: "stageName", source: "my-plugin", index: 0 });
      expect((caught as Error).message).toContain("must start with a letter or a digit");
    },
  );

  it("refuses a stage named __proto__ before a destroy runs anything, so no failure can vanish from the report", async () => {
    const log: string[] = [];
    class Proto extends NebariStage {
      static override stageName = "__proto__";
      static override priority = 2;
      override destroy(): void {
        log.push("destroyed");
        throw new Error("still in use");
      }
    }
    await expect(destroyStages([named("a"), Proto], { config: {}, outputDirectory: ".", lock: false })).rejects.toMatchObject({
      code: "HOOKSMITH_INVALID_STAGE",
    });
    expect(log).toEqual([]);
  });

  it("names the plugin and position of a stage whose stageName getter throws, keeping the error as cause", () => {
    const boom = new Error("getter broke");
    class Throwing extends NebariStage {
      static override priority = 1;
      static override get stageName(): string {
        throw boom;
      }
    }
    let caught: unknown;
    try {
      resolveStages([named("a"), { stage: Throwing, source: "broken-plugin" }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StageDefinitionError);
    expect(caught).toMatchObject({ property: "stageName", source: "broken-plugin", index: 1, cause: boom });
    expect((caught as Error).message).toBe(
      'Invalid stage class Throwing (plugin "broken-plugin", index 1): reading stageName threw: getter broke',
    );
  });
});

describe("Lookups by a user-given key use own properties only", () => {
  it("validates the outputs of a stage named constructor against what it wrote, not Object", async () => {
    class Constructor extends NebariStage {
      static override stageName = "constructor";
      static override priority = 1;
      static override outputSchema = z.object({ url: z.string() }).optional();
    }
    const outputs: StageOutputs = await deployStages([Constructor], { config: {}, outputDirectory: ".", lock: false });
    expect(Object.hasOwn(outputs, "constructor")).toBe(false);
  });

  it("hands a configKey of toString the config's own section, not Object.prototype.toString", async () => {
    const seen: unknown[] = [];
    const recording: StandardSchemaV1 = {
      "~standard": { version: 1, vendor: "test", validate: (value) => (seen.push(value), { value }) },
    };
    const { config } = await validateStageConfig([{ stageName: "s", configKey: "toString", inputSchema: recording }], {});
    expect(seen).toEqual([undefined]);
    expect(Object.hasOwn(config, "toString")).toBe(false);
  });

  it("adds a defaulted __proto__ section as an own key, never as the config's prototype", async () => {
    const schema = z.object({ b: z.number().default(2) }).default({ b: 2 });
    const { config } = await validateStageConfig([{ stageName: "s", configKey: "__proto__", inputSchema: schema }], {});
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(config, "__proto__")?.value).toEqual({ b: 2 });
  });
});

describe("A schema that overflows the stack", () => {
  it("is a StageConfigError naming the stage, with the RangeError as cause", async () => {
    const recursive: StandardSchemaV1 = {
      "~standard": {
        version: 1,
        vendor: "test",
        validate(value): never {
          return recursive["~standard"].validate(value) as never;
        },
      },
    };
    const error = await validateStageConfig([{ stageName: "deep", configKey: "deep", inputSchema: recursive }], {
      deep: {},
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StageConfigError);
    expect((error as StageConfigError).issues).toEqual([
      { stage: "deep", path: ["deep"], message: "its inputSchema threw: Maximum call stack size exceeded" },
    ]);
    expect((error as Error).cause).toBeInstanceOf(RangeError);
  });
});
