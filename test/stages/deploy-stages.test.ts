import { describe, expect, it } from "vitest";
import {
  deployStages,
  NebariStage,
  StageAbortError,
  StageCheckError,
  StageContractError,
  StageError,
  StageOutputError,
  type StageClass,
  type StageOutputs,
  type StageProgressEvent,
  type StageRunOptions,
} from "../../src/index.ts";
import { rejectionOf } from "../support/harness.ts";

const options = { config: { project: "demo" }, outputDirectory: "/tmp/out", lock: false };

/** What a recorded stage does; every step is logged as `<name>:<step>`. */
interface Behaviour {
  readonly failSetup?: boolean;
  readonly failCheck?: boolean | "false";
  readonly failTeardown?: boolean;
  readonly rethrowAs?: string;
  readonly swallow?: boolean;
}

/** Builds a generator stage that logs its setup, check, teardown and finally block. */
function recorded(name: string, priority: number, log: string[], behaviour: Behaviour = {}): StageClass {
  return class extends NebariStage {
    static override stageName = name;
    static override priority = priority;
    override async *deploy(stageOutputs: StageOutputs) {
      log.push(`${name}:setup`);
      if (behaviour.failSetup === true) throw new Error(`${name} setup failed`);
      stageOutputs[name] = { deployed: true };
      try {
        yield;
        log.push(`${name}:teardown`);
        if (behaviour.failTeardown === true) throw new Error(`${name} teardown failed`);
      } catch (error) {
        log.push(`${name}:caught ${(error as Error).message}`);
        if (behaviour.rethrowAs !== undefined) throw new Error(behaviour.rethrowAs, { cause: error });
        if (behaviour.swallow !== true) throw error;
      } finally {
        log.push(`${name}:finally`);
      }
    }
    override check() {
      log.push(`${name}:check`);
      if (behaviour.failCheck === "false") return false;
      if (behaviour.failCheck === true) throw new Error(`${name} is unhealthy`);
      return true;
    }
  };
}

describe("deployStages", () => {
  it("deploys in order, checks each stage after its setup, and unwinds in reverse", async () => {
    const log: string[] = [];
    const outputs = await deployStages([recorded("a", 1, log), recorded("b", 2, log), recorded("c", 3, log)], options);
    expect(log).toEqual([
      "a:setup",
      "a:check",
      "b:setup",
      "b:check",
      "c:setup",
      "c:check",
      "c:teardown",
      "c:finally",
      "b:teardown",
      "b:finally",
      "a:teardown",
      "a:finally",
    ]);
    expect(outputs).toEqual({ a: { deployed: true }, b: { deployed: true }, c: { deployed: true } });
  });

  it("constructs each stage with outputDirectory and config and passes disablePrompt and a signal", async () => {
    const seen: unknown[] = [];
    class Probe extends NebariStage<{ project: string }> {
      static override stageName = "probe";
      static override priority = 0;
      override deploy(stageOutputs: StageOutputs, runOptions: StageRunOptions) {
        seen.push(this.outputDirectory, this.config.project, runOptions.disablePrompt, runOptions.signal instanceof AbortSignal);
      }
      override check(_: StageOutputs, runOptions: StageRunOptions) {
        seen.push(runOptions.disablePrompt);
      }
    }
    await deployStages([Probe], { ...options, disablePrompt: true });
    expect(seen).toEqual(["/tmp/out", "demo", true, true, true]);
  });

  it("shares one stageOutputs object between the stages of a run", async () => {
    class Producer extends NebariStage {
      static override stageName = "producer";
      static override priority = 1;
      override deploy(stageOutputs: StageOutputs) {
        stageOutputs[this.name] = { url: "https://example.test" };
      }
    }
    class Consumer extends NebariStage {
      static override stageName = "consumer";
      static override priority = 2;
      override async deploy(stageOutputs: StageOutputs) {
        await Promise.resolve();
        const producer = stageOutputs["producer"] as { url: string };
        stageOutputs[this.name] = { derived: `${producer.url}/api` };
      }
    }
    expect(await deployStages([Producer, Consumer], options)).toEqual({
      producer: { url: "https://example.test" },
      consumer: { derived: "https://example.test/api" },
    });
  });

  it("supports sync generators, async generators, plain and async methods in one run", async () => {
    const log: string[] = [];
    class SyncGen extends NebariStage {
      static override stageName = "sync-gen";
      static override priority = 1;
      override *deploy() {
        log.push("sync:setup");
        yield;
        log.push("sync:teardown");
      }
    }
    class Plain extends NebariStage {
      static override stageName = "plain";
      static override priority = 2;
      override deploy() {
        log.push("plain");
      }
    }
    class Async extends NebariStage {
      static override stageName = "async";
      static override priority = 3;
      override async deploy() {
        await Promise.resolve();
        log.push("async");
      }
    }
    class AsyncGen extends NebariStage {
      static override stageName = "async-gen";
      static override priority = 4;
      override async *deploy() {
        log.push("asyncgen:setup");
        yield;
        await Promise.resolve();
        log.push("asyncgen:teardown");
      }
    }
    await deployStages([SyncGen, Plain, Async, AsyncGen], options);
    expect(log).toEqual(["sync:setup", "plain", "async", "asyncgen:setup", "asyncgen:teardown", "sync:teardown"]);
  });

  it("treats a generator that returns before yielding as having no teardown", async () => {
    const log: string[] = [];
    class Disabled extends NebariStage {
      static override stageName = "disabled";
      static override priority = 1;
      override *deploy() {
        log.push("skip");
        return;
        yield;
      }
    }
    await expect(deployStages([Disabled], options)).resolves.toEqual({});
    expect(log).toEqual(["skip"]);
  });

  it("stops at a failing stage, throws the failure into entered stages in reverse, and rejects with StageError", async () => {
    const log: string[] = [];
    const error = await rejectionOf(
      deployStages(
        [recorded("a", 1, log), recorded("b", 2, log), recorded("c", 3, log, { failSetup: true }), recorded("d", 4, log)],
        options,
      ),
    );
    expect(log).toEqual([
      "a:setup",
      "a:check",
      "b:setup",
      "b:check",
      "c:setup",
      'b:caught Stage "c" failed to deploy: c setup failed',
      "b:finally",
      'a:caught Stage "c" failed to deploy: c setup failed',
      "a:finally",
    ]);
    expect(error).toBeInstanceOf(StageError);
    const stageError = error as StageError;
    expect(stageError.stage).toBe("c");
    expect(stageError.phase).toBe("deploy");
    expect(stageError.code).toBe("HOOKSMITH_STAGE_FAILED");
    expect(stageError.cause).toEqual(new Error("c setup failed"));
    expect(stageError.otherErrors).toEqual([]);
    expect(stageError.message).toMatchInlineSnapshot(`"Stage "c" failed to deploy: c setup failed"`);
  });

  it("keeps the original error object as the cause", async () => {
    const original = new TypeError("boom");
    class Failing extends NebariStage {
      static override stageName = "failing";
      static override priority = 1;
      override deploy() {
        throw original;
      }
    }
    const error = (await rejectionOf(deployStages([Failing], options))) as StageError;
    expect(error.cause).toBe(original);
  });

  it("names the right stage when a constructor throws", async () => {
    class Broken extends NebariStage {
      static override stageName = "broken";
      static override priority = 2;
      constructor(init: { outputDirectory: string; config: unknown }) {
        super(init);
        throw new Error("cannot construct");
      }
    }
    const log: string[] = [];
    const error = (await rejectionOf(deployStages([recorded("a", 1, log), Broken], options))) as StageError;
    expect(error.stage).toBe("broken");
    expect(log).toContain("a:finally");
  });

  it("fails a stage whose check returns false, and unwinds that stage too", async () => {
    const log: string[] = [];
    const error = (await rejectionOf(
      deployStages([recorded("a", 1, log), recorded("b", 2, log, { failCheck: "false" }), recorded("c", 3, log)], options),
    )) as StageError;
    expect(error.stage).toBe("b");
    expect(error.phase).toBe("check");
    expect(error.cause).toBeInstanceOf(StageCheckError);
    expect((error.cause as StageCheckError).code).toBe("HOOKSMITH_STAGE_CHECK_FAILED");
    expect(error.message).toMatchInlineSnapshot(`"Stage "b" failed its check: Check of stage "b" returned false"`);
    expect(log).toEqual([
      "a:setup",
      "a:check",
      "b:setup",
      "b:check",
      'b:caught Stage "b" failed its check: Check of stage "b" returned false',
      "b:finally",
      'a:caught Stage "b" failed its check: Check of stage "b" returned false',
      "a:finally",
    ]);
  });

  it("fails a stage whose check throws, with the thrown error as the cause", async () => {
    const log: string[] = [];
    const error = (await rejectionOf(deployStages([recorded("a", 1, log, { failCheck: true })], options))) as StageError;
    expect(error.phase).toBe("check");
    expect(error.cause).toEqual(new Error("a is unhealthy"));
  });

  it("fails a stage whose async check resolves to false", async () => {
    class AsyncCheck extends NebariStage {
      static override stageName = "async-check";
      static override priority = 1;
      override async check() {
        await Promise.resolve();
        return false;
      }
    }
    await expect(deployStages([AsyncCheck], options)).rejects.toThrow('Check of stage "async-check" returned false');
  });

  it("skips every check with disableChecks", async () => {
    const log: string[] = [];
    await deployStages([recorded("a", 1, log, { failCheck: "false" })], { ...options, disableChecks: true });
    expect(log).toEqual(["a:setup", "a:teardown", "a:finally"]);
  });

  it("keeps teardown errors raised while unwinding a failed deploy in otherErrors", async () => {
    const log: string[] = [];
    const error = (await rejectionOf(
      deployStages(
        [
          recorded("a", 1, log, { rethrowAs: "a cleanup failed" }),
          recorded("b", 2, log, { rethrowAs: "b cleanup failed" }),
          recorded("c", 3, log, { failSetup: true }),
        ],
        options,
      ),
    )) as StageError;
    expect(error.stage).toBe("c");
    expect(error.otherErrors.map((other) => [other.stage, other.phase, (other.cause as Error).message])).toEqual([
      ["b", "teardown", "b cleanup failed"],
      ["a", "teardown", "a cleanup failed"],
    ]);
    expect(log).toContain("a:finally");
  });

  it("does not let a teardown swallow the failure", async () => {
    const log: string[] = [];
    const error = (await rejectionOf(
      deployStages([recorded("a", 1, log, { swallow: true }), recorded("b", 2, log, { failSetup: true })], options),
    )) as StageError;
    expect(error.stage).toBe("b");
    expect(log).toContain("a:finally");
  });

  it("fails a successful run on a failing teardown and throws it into the remaining stages", async () => {
    const log: string[] = [];
    const error = (await rejectionOf(
      deployStages([recorded("a", 1, log), recorded("b", 2, log, { failTeardown: true }), recorded("c", 3, log)], options),
    )) as StageError;
    expect(error.stage).toBe("b");
    expect(error.phase).toBe("teardown");
    expect(error.cause).toEqual(new Error("b teardown failed"));
    expect(log.slice(6)).toEqual([
      "c:teardown",
      "c:finally",
      "b:teardown",
      "b:caught b teardown failed",
      "b:finally",
      'a:caught Stage "b" failed to tear down its deploy: b teardown failed',
      "a:finally",
    ]);
  });

  it("rejects a deploy generator that yields twice, after closing it", async () => {
    const log: string[] = [];
    class Twice extends NebariStage {
      static override stageName = "twice";
      static override priority = 1;
      override *deploy() {
        try {
          yield;
          yield;
        } finally {
          log.push("closed");
        }
      }
    }
    const error = (await rejectionOf(deployStages([Twice], options))) as StageError;
    expect(error.phase).toBe("teardown");
    expect(error.cause).toBeInstanceOf(StageContractError);
    expect(error.message).toMatchInlineSnapshot(
      `"Stage "twice" failed to tear down its deploy: The deploy method of stage "twice" yielded more than once; it must yield exactly once (setup before, teardown after)"`,
    );
    expect(log).toEqual(["closed"]);
  });

  it("validates a stage's outputs against its outputSchema", async () => {
    const { z } = await import("zod");
    const log: string[] = [];
    class Typed extends NebariStage {
      static override stageName = "typed";
      static override priority = 2;
      static override outputSchema = z.object({ url: z.url() });
      override deploy(stageOutputs: StageOutputs) {
        stageOutputs[this.name] = { url: "not a url" };
      }
    }
    const error = (await rejectionOf(deployStages([recorded("a", 1, log), Typed], options))) as StageError;
    expect(error.stage).toBe("typed");
    expect(error.phase).toBe("deploy");
    expect(error.cause).toBeInstanceOf(StageOutputError);
    const cause = error.cause as StageOutputError;
    expect(cause.issues.map((issue) => issue.path)).toEqual([["url"]]);
    expect(cause.message).toMatch(/^Invalid outputs of stage "typed" \(stageOutputs\["typed"\]\): at url: /);
    expect(log).toContain("a:finally");
  });

  it("accepts outputs that pass the outputSchema, valibot included", async () => {
    const v = await import("valibot");
    class Typed extends NebariStage {
      static override stageName = "typed";
      static override priority = 1;
      static override outputSchema = v.object({ port: v.number() });
      override deploy(stageOutputs: StageOutputs) {
        stageOutputs[this.name] = { port: 8080 };
      }
    }
    await expect(deployStages([Typed], options)).resolves.toEqual({ typed: { port: 8080 } });
  });

  it("fails a stage that declares an outputSchema but writes no outputs", async () => {
    const { z } = await import("zod");
    class Silent extends NebariStage {
      static override stageName = "silent";
      static override priority = 1;
      static override outputSchema = z.object({ port: z.number() });
    }
    const error = (await rejectionOf(deployStages([Silent], options))) as StageError;
    expect(error.cause).toBeInstanceOf(StageOutputError);
  });

  it("reports progress with durations", async () => {
    const log: string[] = [];
    const events: StageProgressEvent[] = [];
    await deployStages([recorded("a", 1, log), recorded("b", 2, log)], { ...options, onProgress: (event) => events.push(event) });
    expect(events.map((event) => `${event.type} ${event.stage} ${event.phase} ${event.index}/${event.total}`)).toEqual([
      "start a deploy 0/2",
      "finish a deploy 0/2",
      "start a check 0/2",
      "finish a check 0/2",
      "start b deploy 1/2",
      "finish b deploy 1/2",
      "start b check 1/2",
      "finish b check 1/2",
      "start b teardown 1/2",
      "finish b teardown 1/2",
      "start a teardown 0/2",
      "finish a teardown 0/2",
    ]);
    for (const event of events) {
      expect(event.flow).toBe("deploy");
      if (event.type !== "start") expect(event.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("reports a failed step with the stage's own error", async () => {
    const log: string[] = [];
    const events: StageProgressEvent[] = [];
    await rejectionOf(
      deployStages([recorded("a", 1, log, { failSetup: true })], { ...options, onProgress: (event) => events.push(event) }),
    );
    const failed = events.find((event) => event.type === "fail");
    expect(failed).toMatchObject({ type: "fail", stage: "a", phase: "deploy", error: new Error("a setup failed") });
  });

  it("finishes the run despite a throwing progress callback, then rejects with it", async () => {
    const log: string[] = [];
    const error = (await rejectionOf(
      deployStages([recorded("a", 1, log), recorded("b", 2, log)], {
        ...options,
        onProgress: (event) => {
          if (event.type === "start" && event.stage === "b" && event.phase === "deploy") throw new Error("display broke");
        },
      }),
    )) as StageError;
    expect(log.filter((entry) => entry.endsWith(":finally"))).toEqual(["b:finally", "a:finally"]);
    expect(error.phase).toBe("progress");
    expect(error.stage).toBe("b");
    expect(error.cause).toEqual(new Error("display broke"));
  });
});

describe("deployStages with an AbortSignal", () => {
  it("stops between stages and unwinds every entered stage exactly once", async () => {
    const controller = new AbortController();
    const log: string[] = [];
    class Aborting extends NebariStage {
      static override stageName = "b";
      static override priority = 2;
      override async *deploy() {
        log.push("b:setup");
        controller.abort(new Error("user pressed Ctrl-C"));
        try {
          yield;
          log.push("b:teardown");
        } finally {
          log.push("b:finally");
        }
      }
    }
    const error = await rejectionOf(
      deployStages([recorded("a", 1, log), Aborting, recorded("c", 3, log)], { ...options, signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(StageAbortError);
    const abort = error as StageAbortError;
    expect(abort.code).toBe("HOOKSMITH_STAGE_ABORTED");
    expect(abort.stage).toBe("c");
    expect(abort.completed).toEqual(["a", "b"]);
    expect(abort.cause).toEqual(new Error("user pressed Ctrl-C"));
    expect(abort.message).toMatchInlineSnapshot(`"Deploy aborted before stage "c": user pressed Ctrl-C"`);
    expect(log).toEqual([
      "a:setup",
      "a:check",
      "b:setup",
      "b:finally",
      'a:caught Deploy aborted before stage "c": user pressed Ctrl-C',
      "a:finally",
    ]);
  });

  it("runs nothing when the signal is already aborted", async () => {
    const log: string[] = [];
    const error = await rejectionOf(deployStages([recorded("a", 1, log)], { ...options, signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(StageAbortError);
    expect(log).toEqual([]);
  });

  it("keeps teardown failures of an aborted run in otherErrors", async () => {
    const controller = new AbortController();
    const log: string[] = [];
    class Trigger extends NebariStage {
      static override stageName = "trigger";
      static override priority = 2;
      override deploy() {
        controller.abort();
      }
    }
    const error = (await rejectionOf(
      deployStages([recorded("a", 1, log, { rethrowAs: "cleanup failed" }), Trigger, recorded("c", 3, log)], {
        ...options,
        signal: controller.signal,
      }),
    )) as StageAbortError;
    expect(error).toBeInstanceOf(StageAbortError);
    expect(error.otherErrors.map((other) => [other.stage, other.phase, (other.cause as Error).message])).toEqual([
      ["a", "teardown", "cleanup failed"],
    ]);
    expect(log.filter((entry) => entry === "a:finally")).toHaveLength(1);
  });
});
