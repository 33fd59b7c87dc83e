import { describe, expect, it } from "vitest";
import {
  assertStageClass,
  deployStages,
  NebariStage,
  planStages,
  renderStages,
  resolveStages,
  StageDefinitionError,
  type StageClass,
} from "../../src/index.ts";
import { stage } from "./helpers.ts";

/** Builds a stage class whose statics are set without type checking, as plain JS could. */
function rawStage(statics: Record<string, unknown>, className = "Broken"): StageClass {
  const Stage = class extends NebariStage {};
  Object.defineProperty(Stage, "name", { value: className });
  Object.assign(Stage, statics);
  return Stage as unknown as StageClass;
}

function definitionError(run: () => unknown): StageDefinitionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StageDefinitionError);
    return error as StageDefinitionError;
  }
  throw new Error("expected a StageDefinitionError");
}

describe("resolveStages validation", () => {
  it("rejects a stage without a stageName, naming its class and position", () => {
    const Broken = rawStage({ priority: 1 }, "NoName");
    expect(() => resolveStages([stage("ok", 1), Broken])).toThrowErrorMatchingInlineSnapshot(
      `[StageDefinitionError: Invalid stage class NoName (index 1): stageName must be a non-empty string, got undefined]`,
    );
  });

  it("rejects an empty stageName", () => {
    const error = definitionError(() => resolveStages([rawStage({ stageName: "", priority: 1 })]));
    expect(error.property).toBe("stageName");
    expect(error.code).toBe("HOOKSMITH_INVALID_STAGE");
    expect(error.message).toContain('stageName must be a non-empty string, got the string ""');
  });

  it("does not use the class's built-in name as its stage name", () => {
    class HelloStage extends NebariStage {
      static override priority = 1;
    }
    expect(() => resolveStages([HelloStage])).toThrow(/class HelloStage \(index 0\): stageName must be a non-empty string/);
  });

  it.each([
    [Number.NaN, "the number NaN"],
    [Number.POSITIVE_INFINITY, "the number Infinity"],
    ["10", 'the string "10"'],
    [undefined, "undefined"],
    [null, "null"],
  ])("rejects the priority %s", (priority, shown) => {
    const error = definitionError(() =>
      resolveStages([{ stage: rawStage({ stageName: "hello", priority }, "Hello"), source: "hello-plugin" }]),
    );
    expect(error.property).toBe("priority");
    expect(error.source).toBe("hello-plugin");
    expect(error.index).toBe(0);
    expect(error.message).toBe(
      `Invalid stage "hello" (Hello, plugin "hello-plugin", index 0): priority must be a finite number, got ${shown}`,
    );
  });

  it.each([
    ["an arrow function", () => ({}), "an anonymous function"],
    ["an instance", { stageName: "x", priority: 1 }, "an object"],
    ["null", null, "null"],
    ["a string", "hello", 'the string "hello"'],
  ])("rejects %s in place of a class", (_, value, shown) => {
    const error = definitionError(() => resolveStages([value as unknown as StageClass]));
    expect(error.property).toBeUndefined();
    expect(error.message).toContain(`expected a stage class (a class extending NebariStage), got ${shown}`);
  });

  it("rejects a stage list that is not an array", () => {
    expect(() => resolveStages(stage("a", 1) as unknown as StageClass[])).toThrowErrorMatchingInlineSnapshot(
      `[StageDefinitionError: Invalid stage list: expected an array of stage classes, got the class Stage_a]`,
    );
  });

  it("rejects malformed ordering constraints", () => {
    expect(() => resolveStages([rawStage({ stageName: "a", priority: 1, after: "b" })])).toThrow(
      'Invalid stage "a" (Broken, index 0): after must be an array of stage names, got the string "b"',
    );
    expect(() => resolveStages([rawStage({ stageName: "a", priority: 1, before: ["b", 3] })])).toThrow(
      "before[1] must be a non-empty string, got the number 3",
    );
  });

  it("rejects schemas that are not Standard Schema validators", () => {
    const error = definitionError(() => resolveStages([rawStage({ stageName: "a", priority: 1, inputSchema: { parse() {} } })]));
    expect(error.property).toBe("inputSchema");
    expect(error.message).toContain("inputSchema must be a Standard Schema validator");
  });

  it("rejects configKey together with configKeys", () => {
    const error = definitionError(() =>
      resolveStages([rawStage({ stageName: "a", priority: 1, configKey: "a", configKeys: ["b"] })]),
    );
    expect(error.property).toBe("configKeys");
  });

  it("rejects one plugin contributing two stages of one name", () => {
    const error = definitionError(() =>
      planStages([
        { stage: stage("x", 1), source: "p" },
        { stage: stage("y", 1), source: "q" },
        { stage: stage("x", 2), source: "p" },
      ]),
    );
    expect(error.message).toMatchInlineSnapshot(
      `"Invalid stage "x" (Stage_x, plugin "p", index 2): plugin "p" contributes two stages named "x" (index 0 and 2); names must be unique within one plugin"`,
    );
  });

  it("accepts the same name from two plugins (that is an override)", () => {
    expect(
      resolveStages([
        { stage: stage("x", 1), source: "p" },
        { stage: stage("x", 2), source: "q" },
      ]),
    ).toHaveLength(1);
  });

  it("accepts statics inherited from a parent stage class", () => {
    class Infra extends NebariStage {
      static override stageName = "02-infrastructure";
      static override priority = 20;
    }
    class MyInfra extends Infra {
      static override priority = 25;
    }
    expect(resolveStages([Infra, MyInfra])).toEqual([MyInfra]);
  });
});

describe("assertStageClass", () => {
  it("accepts a valid stage class", () => {
    expect(() => assertStageClass(stage("ok", 0))).not.toThrow();
  });

  it("names the source it is given", () => {
    expect(() => assertStageClass(rawStage({ stageName: "s", priority: Number.NaN }), { source: "pkg", index: 4 })).toThrow(
      'Invalid stage "s" (Broken, plugin "pkg", index 4): priority must be a finite number, got the number NaN',
    );
  });
});

describe("flow validation", () => {
  it("rejects an invalid stage list before any stage runs", async () => {
    const ran: string[] = [];
    class First extends NebariStage {
      static override stageName = "first";
      static override priority = 1;
      override deploy() {
        ran.push("first");
      }
    }
    await expect(
      deployStages([First, rawStage({ stageName: "bad", priority: Number.NaN })], { config: {}, outputDirectory: "." }),
    ).rejects.toThrow(StageDefinitionError);
    expect(ran).toEqual([]);
  });

  it("rejects two stages of one name in a flow's list", async () => {
    await expect(
      renderStages([stage("a", 1), stage("a", 2)], { config: {}, outputDirectory: ".", dryRun: true }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[StageDefinitionError: Invalid stage "a" (Stage_a, index 1): the name is also used by the stage at index 0; renderStages needs unique names (pass the list through resolveStages first)]`,
    );
  });
});

describe("NebariStage", () => {
  it("stores outputDirectory and config, and reads its identity from the statics", () => {
    class Hello extends NebariStage<{ greeting: string }> {
      static override stageName = "hello";
      static override priority = 7;
    }
    const instance = new Hello({ outputDirectory: "/tmp/out", config: { greeting: "hi" } });
    expect(instance.outputDirectory).toBe("/tmp/out");
    expect(instance.config).toEqual({ greeting: "hi" });
    expect(instance.name).toBe("hello");
    expect(instance.priority).toBe(7);
  });

  it("has defaults that do nothing", async () => {
    class Empty extends NebariStage {
      static override stageName = "empty";
      static override priority = 0;
    }
    const instance = new Empty({ outputDirectory: ".", config: undefined });
    const options = { disablePrompt: false, signal: new AbortController().signal };
    expect(await instance.render()).toEqual({});
    expect(instance.deploy({}, options)).toBeUndefined();
    expect(instance.check({}, options)).toBeUndefined();
    expect(instance.destroy({}, {})).toBeUndefined();
  });

  it("rejects Nebari's positional constructor call", () => {
    class Positional extends NebariStage {
      static override stageName = "positional";
      static override priority = 0;
    }
    const Loose = Positional as unknown as new (...args: unknown[]) => NebariStage;
    expect(() => new Loose("/tmp/out", {})).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: new Positional(init): expected an object { outputDirectory, config }, got string]`,
    );
  });
});
