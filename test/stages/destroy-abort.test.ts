// destroyStages with an AbortSignal: checked between steps, as deployStages does; prepared stages
// are unwound with the abort thrown in, not destroyed.
import { describe, expect, it } from "vitest";
import { destroyStages, NebariStage, StageAbortError, type StageClass, type StageStatus } from "../../src/index.ts";

const options = { config: {}, outputDirectory: "/tmp/out", lock: false };

interface Hooks {
  readonly onPrepare?: () => void;
  readonly onDestroy?: () => void;
  readonly unwindError?: string;
}

/** A stage whose generator destroy logs prepare, destroy, catch and finally. */
function recorded(name: string, priority: number, log: string[], hooks: Hooks = {}): StageClass {
  return class extends NebariStage {
    static override stageName = name;
    static override priority = priority;
    override async *destroy() {
      log.push(`${name}:prepare`);
      hooks.onPrepare?.();
      try {
        yield;
        log.push(`${name}:destroy`);
        hooks.onDestroy?.();
      } catch (error) {
        log.push(`${name}:caught ${(error as Error).message}`);
        if (hooks.unwindError !== undefined) throw new Error(hooks.unwindError, { cause: error });
        throw error;
      } finally {
        log.push(`${name}:finally`);
      }
    }
  };
}

async function abortError(promise: Promise<unknown>): Promise<StageAbortError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StageAbortError);
  return error as StageAbortError;
}

describe("destroyStages with an AbortSignal", () => {
  it("stops preparing, and unwinds the prepared stages without destroying them", async () => {
    const controller = new AbortController();
    const log: string[] = [];
    const stages = [
      recorded("a", 1, log),
      recorded("b", 2, log, { onPrepare: () => controller.abort(new Error("user pressed Ctrl-C")) }),
      recorded("c", 3, log),
    ];
    const error = await abortError(destroyStages(stages, { ...options, signal: controller.signal }));
    expect(error).toMatchObject({ flow: "destroy", stage: "c", completed: [], otherErrors: [] });
    expect(error.cause).toEqual(new Error("user pressed Ctrl-C"));
    expect(error.message).toBe('Destroy aborted before stage "c": user pressed Ctrl-C');
    expect(log).toEqual([
      "a:prepare",
      "b:prepare",
      'b:caught Destroy aborted before stage "c": user pressed Ctrl-C',
      "b:finally",
      'a:caught Destroy aborted before stage "c": user pressed Ctrl-C',
      "a:finally",
    ]);
  });

  it("stops between destroy steps, keeping what was destroyed", async () => {
    const controller = new AbortController();
    const log: string[] = [];
    let status: StageStatus | undefined;
    class Watcher extends NebariStage {
      static override stageName = "watcher";
      static override priority = 0;
      override *destroy(_outputs: unknown, seen: StageStatus) {
        status = seen;
        yield;
      }
    }
    const stages = [
      Watcher,
      recorded("a", 1, log),
      recorded("b", 2, log, { onDestroy: () => controller.abort() }),
      recorded("c", 3, log),
    ];
    const error = await abortError(destroyStages(stages, { ...options, signal: controller.signal }));
    expect(error.stage).toBe("a");
    expect(error.completed).toEqual(["c", "b"]);
    expect(log.filter((entry) => entry.endsWith(":destroy"))).toEqual(["c:destroy", "b:destroy"]);
    expect(log).toContain("a:finally");
    expect(status).toEqual({ c: true, b: true });
  });

  it("prepares and destroys nothing when the signal is already aborted", async () => {
    const log: string[] = [];
    const error = await abortError(destroyStages([recorded("a", 1, log)], { ...options, signal: AbortSignal.abort() }));
    expect(error.stage).toBe("a");
    expect(log).toEqual([]);
  });

  it("keeps an unwind that raises a new error in otherErrors", async () => {
    const controller = new AbortController();
    const log: string[] = [];
    const stages = [
      recorded("a", 1, log, { unwindError: "cleanup failed" }),
      recorded("b", 2, log, { onPrepare: () => controller.abort() }),
    ];
    const error = await abortError(destroyStages(stages, { ...options, signal: controller.signal }));
    expect(error.otherErrors.map((other) => [other.stage, other.phase, (other.cause as Error).message])).toEqual([
      ["a", "destroy", "cleanup failed"],
    ]);
  });

  it("does not report unwinding to onProgress as destroying", async () => {
    const controller = new AbortController();
    const phases: string[] = [];
    const stages = [recorded("a", 1, []), recorded("b", 2, [], { onPrepare: () => controller.abort() })];
    await abortError(
      destroyStages(stages, {
        ...options,
        signal: controller.signal,
        onProgress: (event) => phases.push(`${event.type} ${event.phase} ${event.stage}`),
      }),
    );
    expect(phases).toEqual(["start prepare a", "finish prepare a", "start prepare b", "finish prepare b"]);
  });
});
