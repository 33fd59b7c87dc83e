import { access, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  NebariStage,
  StageCheckError,
  StageConfigError,
  StageDefinitionError,
  StageError,
  StageOutputError,
  StageRenderPathError,
  type StageOutputs,
  type StageRunOptions,
  type StageStatus,
} from "hooksmith";
import { createStageHarness, StageHarness, TestHarnessError } from "hooksmith/testing";
import { makeTree, removeTrees } from "./helpers.ts";

afterAll(removeTrees);

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** A stage that logs every step into `log`, under its name. */
function loggingStage(
  name: string,
  priority: number,
  log: string[],
  behaviour: { failDeploy?: Error; checkResult?: boolean; failTeardown?: Error } = {},
) {
  return class extends NebariStage {
    static override stageName = name;
    static override priority = priority;
    override *deploy(stageOutputs: StageOutputs): Generator<void, void, unknown> {
      log.push(`${name} deploy`);
      if (behaviour.failDeploy !== undefined) throw behaviour.failDeploy;
      stageOutputs[name] = { seen: Object.keys(stageOutputs) };
      try {
        yield;
        log.push(`${name} teardown`);
        if (behaviour.failTeardown !== undefined) throw behaviour.failTeardown;
      } catch (error) {
        log.push(`${name} unwound: ${(error as Error).message}`);
        throw error;
      }
    }
    override check(): boolean {
      log.push(`${name} check`);
      return behaviour.checkResult ?? true;
    }
    override *destroy(stageOutputs: StageOutputs, status: StageStatus): Generator<void, void, unknown> {
      log.push(`${name} prepare (${JSON.stringify(stageOutputs)})`);
      yield;
      log.push(`${name} destroy (${JSON.stringify(status)})`);
    }
  };
}

describe("createStageHarness", () => {
  it("creates a temporary output directory and removes it on disposal", async () => {
    let directory: string;
    {
      await using harness = await createStageHarness(loggingStage("a", 1, []));
      expect(harness).toBeInstanceOf(StageHarness);
      directory = harness.outputDirectory;
      expect(await exists(directory)).toBe(true);
    }
    expect(await exists(directory)).toBe(false);
  });

  it("keeps an output directory it was given", async () => {
    const root = await makeTree({ "keep.txt": "mine" });
    {
      await using harness = await createStageHarness(loggingStage("a", 1, []), { outputDirectory: root });
      expect(harness.outputDirectory).toBe(root);
    }
    expect(await exists(join(root, "keep.txt"))).toBe(true);
  });

  it("validates the config against the stages' schemas and constructs them with the result", async () => {
    const seen: unknown[] = [];
    class Sized extends NebariStage {
      static override stageName = "sized";
      static override priority = 1;
      static override configKey = "sized";
      static override inputSchema = z.object({ size: z.number().default(2) }).default({ size: 2 });
      override deploy(): void {
        seen.push(this.config);
      }
    }
    await using harness = await createStageHarness(Sized, { config: { project_name: "demo" }, knownKeys: ["project_name"] });
    expect(harness.config).toEqual({ project_name: "demo", sized: { size: 2 } });
    await harness.deploy();
    expect(seen).toEqual([{ project_name: "demo", sized: { size: 2 } }]);
    await expect(createStageHarness(Sized, { config: { sized: { size: "big" } } })).rejects.toThrow(StageConfigError);
    await using raw = await createStageHarness(Sized, { config: { sized: { size: "big" } }, validateConfig: false });
    expect(raw.config).toEqual({ sized: { size: "big" } });
  });

  it("validates host-owned keys with the host's config owners, as mini-nebari owns project_name", async () => {
    // The host (examples/mini-nebari) owns `project_name` through a config owner; a plugin's test
    // passes the same owner instead of faking the key with knownKeys.
    const projectOwner = {
      stageName: "mini-nebari",
      configKeys: ["project_name"],
      inputSchema: z.object({ project_name: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/) }),
    };
    await using harness = await createStageHarness(loggingStage("a", 1, []), {
      config: { project_name: "demo" },
      owners: [projectOwner],
      unknownKeys: "error",
    });
    expect(harness.config).toEqual({ project_name: "demo" });
    expect(harness.warnings).toEqual([]);
    const error = await createStageHarness(loggingStage("a", 1, []), {
      config: { project_name: "Not Valid" },
      owners: [projectOwner],
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StageConfigError);
    expect((error as StageConfigError).issues).toMatchObject([{ stage: "mini-nebari", path: ["project_name"] }]);
  });

  it("collects config warnings for keys no stage owns", async () => {
    await using harness = await createStageHarness(loggingStage("a", 1, []), { config: { stray: 1 } });
    expect(harness.warnings.map((warning) => warning.message)).toEqual([expect.stringContaining('"stray"')]);
    await expect(createStageHarness(loggingStage("a", 1, []), { config: { stray: 1 }, unknownKeys: "error" })).rejects.toThrow(
      StageConfigError,
    );
  });

  it("rejects what is not a stage list", async () => {
    await expect(createStageHarness({} as never)).rejects.toThrow(StageDefinitionError);
    await expect(createStageHarness([loggingStage("a", 1, []), loggingStage("a", 2, [])])).rejects.toThrow(StageDefinitionError);
  });
});

describe("StageHarness.render", () => {
  it("writes the rendered files for real and returns them as text and bytes", async () => {
    class Files extends NebariStage {
      static override stageName = "files";
      static override priority = 1;
      override render() {
        return { "a.txt": "text", "bin/logo.png": new Uint8Array([0x89, 0x50]), "dir\\nested.txt": "windows-style path" };
      }
    }
    await using harness = await createStageHarness(Files);
    await writeFile(join(harness.outputDirectory, "untracked.md"), "notes");
    const rendered = await harness.render();
    expect(Object.keys(rendered.files)).toEqual(["a.txt", "bin/logo.png", "dir/nested.txt"]);
    expect(rendered.files["a.txt"]).toBe("text");
    expect(rendered.bytes["bin/logo.png"]).toEqual(new Uint8Array([0x89, 0x50]));
    expect(rendered.report).toEqual({
      new: ["a.txt", "bin/logo.png", "dir/nested.txt"],
      updated: [],
      unchanged: [],
      untracked: ["untracked.md"],
      kept: [],
    });
    expect(await harness.readFile("dir/nested.txt")).toBe("windows-style path");
    expect((await harness.render()).report.unchanged).toEqual(["a.txt", "bin/logo.png", "dir/nested.txt"]);
  });

  it("applies the host's path checks", async () => {
    class Escapes extends NebariStage {
      static override stageName = "escapes";
      static override priority = 1;
      override render() {
        return { "../outside.txt": "no" };
      }
    }
    await using harness = await createStageHarness(Escapes);
    await expect(harness.render()).rejects.toThrow(StageRenderPathError);
  });
});

describe("StageHarness.deploy", () => {
  it("runs each stage up to its yield with the given outputs, and its check, then waits", async () => {
    const log: string[] = [];
    await using harness = await createStageHarness([loggingStage("a", 1, log), loggingStage("b", 2, log)]);
    const given: StageOutputs = { earlier: { cluster: "test" } };
    const deployed = await harness.deploy({ stageOutputs: given });
    expect(deployed.stageOutputs).toBe(given);
    expect(given).toEqual({ earlier: { cluster: "test" }, a: { seen: ["earlier"] }, b: { seen: ["earlier", "a"] } });
    expect(deployed.pending).toEqual(["a", "b"]);
    expect(deployed.instances.map((stage) => stage.name)).toEqual(["a", "b"]);
    expect(log).toEqual(["a deploy", "a check", "b deploy", "b check"]);

    await deployed.teardown();
    expect(log.slice(4)).toEqual(["b teardown", "a teardown"]);
    expect(deployed.pending).toEqual([]);
  });

  it("skips the checks when asked", async () => {
    const log: string[] = [];
    await using harness = await createStageHarness(loggingStage("a", 1, log, { checkResult: false }));
    await harness.deploy({ disableChecks: true });
    expect(log).toEqual(["a deploy"]);
  });

  it("passes disablePrompt (true by default) and the signal to deploy and check", async () => {
    const seen: [boolean, boolean][] = [];
    class Prompting extends NebariStage {
      static override stageName = "prompting";
      static override priority = 1;
      override deploy(_outputs: StageOutputs, { disablePrompt, signal }: StageRunOptions): void {
        seen.push([disablePrompt, signal.aborted]);
      }
      override check(_outputs: StageOutputs, { disablePrompt, signal }: StageRunOptions): void {
        seen.push([disablePrompt, signal.aborted]);
      }
    }
    await using harness = await createStageHarness(Prompting);
    const controller = new AbortController();
    controller.abort();
    await harness.deploy();
    await harness.deploy({ disablePrompt: false, signal: controller.signal });
    expect(seen).toEqual([
      [true, false],
      [true, false],
      [false, true],
      [false, true],
    ]);
  });

  it("fails a stage whose check returns false, unwinding it and the stages before it", async () => {
    const log: string[] = [];
    await using harness = await createStageHarness([
      loggingStage("a", 1, log),
      loggingStage("b", 2, log, { checkResult: false }),
      loggingStage("c", 3, log),
    ]);
    const error = await harness.deploy().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StageError);
    expect(error).toMatchObject({
      stage: "b",
      phase: "check",
      message: 'Stage "b" failed its check: Check of stage "b" returned false',
    });
    expect((error as StageError).cause).toBeInstanceOf(StageCheckError);
    expect(log).toEqual([
      "a deploy",
      "a check",
      "b deploy",
      "b check",
      `b unwound: ${(error as Error).message}`,
      `a unwound: ${(error as Error).message}`,
    ]);
  });

  it("fails a stage whose deploy throws with its own error as the cause", async () => {
    const log: string[] = [];
    const boom = new Error("boom");
    await using harness = await createStageHarness([loggingStage("a", 1, log), loggingStage("b", 2, log, { failDeploy: boom })]);
    await expect(harness.deploy()).rejects.toMatchObject({ stage: "b", phase: "deploy", cause: boom });
    expect(log).toEqual(["a deploy", "a check", "b deploy", 'a unwound: Stage "b" failed to deploy: boom']);
  });

  it("validates a stage's outputs with its outputSchema", async () => {
    class Typed extends NebariStage {
      static override stageName = "typed";
      static override priority = 1;
      static override outputSchema = z.object({ url: z.string() });
      override deploy(stageOutputs: StageOutputs): void {
        stageOutputs[this.name] = { url: 42 };
      }
    }
    await using harness = await createStageHarness(Typed);
    const error = await harness.deploy().catch((caught: unknown) => caught);
    expect((error as StageError).cause).toBeInstanceOf(StageOutputError);
  });

  it("runs a plain deploy to its end, with nothing to tear down", async () => {
    class Plain extends NebariStage {
      static override stageName = "plain";
      static override priority = 1;
      override async deploy(stageOutputs: StageOutputs): Promise<void> {
        stageOutputs[this.name] = "done";
      }
    }
    await using harness = await createStageHarness(Plain);
    const deployed = await harness.deploy();
    expect(deployed.stageOutputs).toEqual({ plain: "done" });
    expect(deployed.pending).toEqual([]);
    await deployed.teardown();
  });

  it("reports a teardown that fails, throwing its error into the earlier stages", async () => {
    const log: string[] = [];
    const broken = new Error("teardown broke");
    await using harness = await createStageHarness([
      loggingStage("a", 1, log),
      loggingStage("b", 2, log, { failTeardown: broken }),
    ]);
    const deployed = await harness.deploy();
    const error = await deployed.teardown().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ stage: "b", phase: "teardown", cause: broken });
    expect(log.slice(4)).toEqual(["b teardown", "b unwound: teardown broke", `a unwound: ${(error as Error).message}`]);
  });

  it("throws an error in at the yield with fail(), as when a later stage fails", async () => {
    const log: string[] = [];
    await using harness = await createStageHarness([loggingStage("a", 1, log), loggingStage("b", 2, log)]);
    const deployed = await harness.deploy();
    await deployed.fail(new Error("later stage failed"));
    expect(log.slice(4)).toEqual(["b unwound: later stage failed", "a unwound: later stage failed"]);
  });

  it("reports an unwind that raises another error", async () => {
    class Stubborn extends NebariStage {
      static override stageName = "stubborn";
      static override priority = 1;
      override *deploy(): Generator<void, void, unknown> {
        try {
          yield;
        } catch {
          throw new Error("cleanup failed");
        }
      }
    }
    await using harness = await createStageHarness(Stubborn);
    const deployed = await harness.deploy();
    await expect(deployed.fail(new Error("later"))).rejects.toMatchObject({
      stage: "stubborn",
      phase: "teardown",
      message: 'Stage "stubborn" failed to tear down its deploy: cleanup failed',
    });
  });

  it("settles a deploy once", async () => {
    await using harness = await createStageHarness(loggingStage("a", 1, []));
    const deployed = await harness.deploy();
    await deployed.teardown();
    await expect(deployed.teardown()).rejects.toMatchObject({ code: "HOOKSMITH_TEARDOWN_DONE" });
    await expect(deployed.fail(new Error("x"))).rejects.toThrow(TestHarnessError);
  });

  it("tears down the deploys still waiting when disposed, last first", async () => {
    const log: string[] = [];
    const harness = await createStageHarness(loggingStage("a", 1, log));
    await harness.deploy();
    const second = await harness.deploy();
    await harness.deploy();
    await second.teardown();
    await harness[Symbol.asyncDispose]();
    expect(log.filter((entry) => entry.endsWith("teardown"))).toEqual(["a teardown", "a teardown", "a teardown"]);
    expect(harness.disposed).toBe(true);
    await harness.dispose();
    await expect(harness.deploy()).rejects.toMatchObject({ code: "HOOKSMITH_HARNESS_DISPOSED" });
    await expect(harness.render()).rejects.toThrow(TestHarnessError);
  });

  it("removes the directory even when a teardown fails on disposal, and reports the failure", async () => {
    const harness = await createStageHarness(loggingStage("a", 1, [], { failTeardown: new Error("teardown broke") }));
    await harness.deploy();
    await expect(harness.dispose()).rejects.toMatchObject({
      phase: "teardown",
      message: 'Stage "a" failed to tear down its deploy: teardown broke',
    });
    expect(await exists(harness.outputDirectory)).toBe(false);
  });
});

describe("StageHarness.check", () => {
  it("runs the checks on the deployed instances with the deploy's outputs", async () => {
    const seen: unknown[] = [];
    class Remembering extends NebariStage {
      static override stageName = "remembering";
      static override priority = 1;
      #deployed = false;
      override deploy(stageOutputs: StageOutputs): void {
        this.#deployed = true;
        stageOutputs[this.name] = 1;
      }
      override check(stageOutputs: StageOutputs): boolean {
        seen.push([this.#deployed, stageOutputs]);
        return this.#deployed;
      }
    }
    await using harness = await createStageHarness(Remembering);
    await expect(harness.check()).rejects.toMatchObject({ phase: "check", cause: expect.any(StageCheckError) });
    await harness.deploy({ disableChecks: true });
    expect(await harness.check()).toBe(true);
    expect(await harness.check({ stageOutputs: { other: 2 } })).toBe(true);
    expect(seen).toEqual([
      [false, {}],
      [true, { remembering: 1 }],
      [true, { other: 2 }],
    ]);
  });
});

describe("StageHarness.destroy", () => {
  it("prepares in ascending order and destroys in descending order, with the outputs given", async () => {
    const log: string[] = [];
    await using harness = await createStageHarness([loggingStage("a", 1, log), loggingStage("b", 2, log)]);
    expect(await harness.destroy({ stageOutputs: { x: 1 } })).toEqual({ status: { a: true, b: true }, skipped: [] });
    expect(log).toEqual(['a prepare ({"x":1})', 'b prepare ({"x":1})', "b destroy ({})", 'a destroy ({"b":true})']);
  });

  it("reports the stages that failed and those skipped", async () => {
    const log: string[] = [];
    class BrokenPrepare extends NebariStage {
      static override stageName = "broken";
      static override priority = 2;
      override *destroy(): Generator<void, void, unknown> {
        throw new Error("cannot reach the cluster");
      }
    }
    await using harness = await createStageHarness([loggingStage("a", 1, log), BrokenPrepare, loggingStage("c", 3, log)]);
    const error = await harness.destroy().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StageError);
    expect(error).toMatchObject({
      stage: "broken",
      phase: "prepare",
      report: { status: { broken: false, a: true }, skipped: ["c"] },
    });
    expect(log).toEqual(["a prepare ({})", 'a destroy ({"broken":false})']);
  });

  it("destroys the earlier stages when a later one fails to destroy", async () => {
    class BrokenDestroy extends NebariStage {
      static override stageName = "broken";
      static override priority = 2;
      override async destroy(): Promise<void> {
        throw new Error("still in use");
      }
    }
    const log: string[] = [];
    await using harness = await createStageHarness([loggingStage("a", 1, log), BrokenDestroy]);
    await expect(harness.destroy()).rejects.toMatchObject({
      stage: "broken",
      phase: "destroy",
      report: { status: { broken: false, a: true }, skipped: [] },
    });
    expect(log).toEqual(["a prepare ({})", 'a destroy ({"broken":false})']);
  });
});
