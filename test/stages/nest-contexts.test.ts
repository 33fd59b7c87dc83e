// nestContexts: one async generator over several generator contexts, with contextlib.ExitStack's
// rules. The pattern comes from Nebari's stages (issue 16, item 8): 02-infrastructure deploys
// with `with super().deploy(stage_outputs, disable_prompt): with kubernetes_provider_context(...):
// yield`, and 01-terraform-state wraps its parent's deploy in `modified_environ`.
import { describe, expect, it } from "vitest";
import {
  deployStages,
  destroyStages,
  NebariStage,
  nestContexts,
  type StageLifecycle,
  type StageOutputs,
  type StageRunOptions,
  type StageStatus,
} from "hooksmith";

const run = { config: {}, outputDirectory: "/tmp/out", lock: false };

/** A generator context that logs its setup, its teardown, and what was thrown in at its yield. */
function* logged(name: string, log: string[], behaviour: { handle?: boolean; raise?: Error } = {}) {
  log.push(`${name} enter`);
  try {
    yield;
    log.push(`${name} exit`);
    if (behaviour.raise !== undefined) throw behaviour.raise;
  } catch (error) {
    log.push(`${name} got ${(error as Error).message}`);
    if (behaviour.handle !== true) throw error;
  }
}

/** The same as an async generator. */
async function* loggedAsync(name: string, log: string[], behaviour: { handle?: boolean; raise?: Error } = {}) {
  yield* logged(name, log, behaviour);
}

/** Drives a context the way the deploy flow does: up to its yield, then resumed or thrown into. */
async function drive(context: AsyncGenerator<void, void, unknown>, thrown?: Error): Promise<unknown> {
  await context.next();
  try {
    await (thrown === undefined ? context.next() : context.throw(thrown));
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("nestContexts with Nebari's stage pattern", () => {
  it("runs the parent's deploy around a provider context, as 02-infrastructure's `with super().deploy(...): with kubernetes_provider_context(...): yield`", async () => {
    const log: string[] = [];
    /** Nebari's kubernetes_provider_context: credentials in the environment for the later stages. */
    function* kubernetesProviderContext(credentials: string): Generator<void, void, unknown> {
      process.env["KUBE_CONFIG_PATH"] = credentials;
      log.push("provider set");
      try {
        yield;
      } finally {
        delete process.env["KUBE_CONFIG_PATH"];
        log.push("provider unset");
      }
    }
    /** NebariTerraformStage's deploy: apply, set outputs, yield. */
    class TerraformStage extends NebariStage {
      static override stageName = "terraform";
      static override priority = 20;
      override async *deploy(stageOutputs: StageOutputs, _options: StageRunOptions): AsyncGenerator<void, void, unknown> {
        log.push(`${this.name} apply`);
        stageOutputs[this.name] = { kubeconfig: "/tmp/kubeconfig" };
        yield;
        log.push(`${this.name} after yield`);
      }
    }
    class InfrastructureStage extends TerraformStage {
      static override stageName = "02-infrastructure";
      override async *deploy(stageOutputs: StageOutputs, options: StageRunOptions): AsyncGenerator<void, void, unknown> {
        yield* nestContexts(super.deploy(stageOutputs, options), kubernetesProviderContext("/tmp/kubeconfig"));
      }
    }
    class LaterStage extends NebariStage {
      static override stageName = "03-kubernetes-initialize";
      static override priority = 30;
      override deploy(): void {
        log.push(`later sees ${process.env["KUBE_CONFIG_PATH"]}`);
      }
    }
    const outputs = await deployStages([InfrastructureStage, LaterStage], run);
    expect(outputs).toEqual({ "02-infrastructure": { kubeconfig: "/tmp/kubeconfig" } });
    expect(log).toEqual([
      "02-infrastructure apply",
      "provider set",
      "later sees /tmp/kubeconfig",
      "provider unset",
      "02-infrastructure after yield",
    ]);
    expect(process.env["KUBE_CONFIG_PATH"]).toBeUndefined();
  });

  it("wraps a parent's destroy as 01-terraform-state wraps its deploy in modified_environ", async () => {
    const log: string[] = [];
    function* modifiedEnviron(name: string, value: string): Generator<void, void, unknown> {
      const before = process.env[name];
      process.env[name] = value;
      try {
        yield;
      } finally {
        if (before === undefined) delete process.env[name];
        else process.env[name] = before;
      }
    }
    class StateStage extends NebariStage {
      static override stageName = "01-terraform-state";
      static override priority = 10;
      // Annotated StageLifecycle, not Generator: a subclass may then wrap it in an async generator.
      override *destroy(_outputs: StageOutputs, _status: StageStatus): StageLifecycle {
        log.push(`refresh with ${process.env["ARM_CLIENT_ID"]}`);
        yield;
        log.push(`destroy with ${process.env["ARM_CLIENT_ID"]}`);
      }
    }
    class AzureStateStage extends StateStage {
      override async *destroy(outputs: StageOutputs, status: StageStatus): AsyncGenerator<void, void, unknown> {
        yield* nestContexts(modifiedEnviron("ARM_CLIENT_ID", "client"), super.destroy(outputs, status));
      }
    }
    await expect(destroyStages([AzureStateStage], run)).resolves.toEqual({ status: { "01-terraform-state": true }, skipped: [] });
    expect(log).toEqual(["refresh with client", "destroy with client"]);
    expect(process.env["ARM_CLIENT_ID"]).toBeUndefined();
  });
});

describe("nestContexts follows contextlib.ExitStack", () => {
  it("enters in order and exits in reverse, sync and async generators alike", async () => {
    const log: string[] = [];
    expect(await drive(nestContexts(logged("a", log), loggedAsync("b", log), logged("c", log)))).toBeUndefined();
    expect(log).toEqual(["a enter", "b enter", "c enter", "c exit", "b exit", "a exit"]);
  });

  it("throws an error at the yield into the innermost context first, and on outward while unhandled", async () => {
    const log: string[] = [];
    const boom = new Error("later stage failed");
    expect(await drive(nestContexts(logged("a", log), logged("b", log)), boom)).toBe(boom);
    expect(log).toEqual(["a enter", "b enter", "b got later stage failed", "a got later stage failed"]);
  });

  it("stops the error at the context that handles it; the outer ones exit normally", async () => {
    const log: string[] = [];
    const boom = new Error("later stage failed");
    expect(await drive(nestContexts(logged("a", log), logged("b", log, { handle: true })), boom)).toBeUndefined();
    expect(log).toEqual(["a enter", "b enter", "b got later stage failed", "a exit"]);
  });

  it("propagates an error raised while exiting to the contexts around it", async () => {
    const log: string[] = [];
    const broken = new Error("teardown broke");
    const outcome = await drive(nestContexts(logged("a", log), logged("b", log), logged("c", log, { raise: broken })));
    expect(outcome).toBe(broken);
    expect(log).toEqual([
      "a enter",
      "b enter",
      "c enter",
      "c exit",
      "c got teardown broke",
      "b got teardown broke",
      "a got teardown broke",
    ]);
  });

  it("replaces the error with a new one a context raises, as the next with-block out sees it", async () => {
    const log: string[] = [];
    function* translating(): Generator<void, void, unknown> {
      try {
        yield;
      } catch (error) {
        throw new Error(`wrapped: ${(error as Error).message}`, { cause: error });
      }
    }
    const outcome = await drive(nestContexts(logged("a", log), translating()), new Error("x"));
    expect((outcome as Error).message).toBe("wrapped: x");
    expect(log).toEqual(["a enter", "a got wrapped: x"]);
  });

  it("unwinds the contexts entered before one whose setup fails, and yields nothing", async () => {
    const log: string[] = [];
    function* failing(): Generator<void, void, unknown> {
      throw new Error("cannot reach the cluster");
    }
    const context = nestContexts(logged("a", log), failing(), logged("c", log));
    await expect(context.next()).rejects.toThrow("cannot reach the cluster");
    expect(log).toEqual(["a enter", "a got cannot reach the cluster"]);
  });

  it("closes every context, innermost first, when it is closed at its yield", async () => {
    const log: string[] = [];
    function* closing(name: string): Generator<void, void, unknown> {
      try {
        yield;
      } finally {
        log.push(`${name} closed`);
      }
    }
    const context = nestContexts(closing("a"), closing("b"));
    await context.next();
    await context.return();
    expect(log).toEqual(["b closed", "a closed"]);
  });

  it("skips nothing-returning and promise-returning contexts, as a plain parent deploy", async () => {
    const log: string[] = [];
    const plain = Promise.resolve().then(() => void log.push("plain parent deployed"));
    expect(await drive(nestContexts(undefined, plain, logged("b", log)))).toBeUndefined();
    expect(log).toEqual(["plain parent deployed", "b enter", "b exit"]);
  });

  it("refuses a context that yields twice, after closing it", async () => {
    const log: string[] = [];
    function* twice(): Generator<void, void, unknown> {
      try {
        yield;
        yield;
      } finally {
        log.push("twice closed");
      }
    }
    const outcome = await drive(nestContexts(logged("a", log), twice()));
    expect(outcome).toBeInstanceOf(TypeError);
    expect((outcome as Error).message).toBe(
      "nestContexts: context 1 yielded more than once; a context must yield exactly once (setup before, teardown after)",
    );
    expect(log).toEqual([
      "a enter",
      "twice closed",
      "a got nestContexts: context 1 yielded more than once; a context must yield exactly once (setup before, teardown after)",
    ]);
  });

  it("refuses what is not a context, naming its position", async () => {
    const context = nestContexts(undefined, 42 as never);
    await expect(context.next()).rejects.toThrowErrorMatchingInlineSnapshot(
      `[TypeError: nestContexts: context 1 is the number 42, not a generator: pass what a deploy or destroy method returns, or a generator]`,
    );
  });
});
