import { describe, expect, it } from "vitest";
import {
  destroyStages,
  NebariStage,
  StageError,
  type StageClass,
  type StageOutputs,
  type StageProgressEvent,
  type StageStatus,
} from "../../src/index.ts";

const options = { config: {}, outputDirectory: "/tmp/out", lock: false };

/** What a recorded stage's destroy does. */
interface Behaviour {
  readonly failPrepare?: boolean;
  readonly failDestroy?: boolean;
}

/** Builds a stage whose generator destroy logs `<name>:prepare` and `<name>:destroy`. */
function recorded(name: string, priority: number, log: string[], behaviour: Behaviour = {}): StageClass {
  return class extends NebariStage {
    static override stageName = name;
    static override priority = priority;
    override async *destroy(stageOutputs: StageOutputs) {
      log.push(`${name}:prepare`);
      if (behaviour.failPrepare === true) throw new Error(`${name} refresh failed`);
      stageOutputs[name] = { refreshed: true };
      yield;
      log.push(`${name}:destroy`);
      if (behaviour.failDestroy === true) throw new Error(`${name} destroy failed`);
    }
  };
}

async function rejection(promise: Promise<unknown>): Promise<StageError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StageError);
    return error as StageError;
  }
  throw new Error("expected the promise to reject");
}

describe("destroyStages", () => {
  it("prepares in ascending order and destroys in descending order", async () => {
    const log: string[] = [];
    const report = await destroyStages([recorded("a", 1, log), recorded("b", 2, log), recorded("c", 3, log)], options);
    expect(log).toEqual(["a:prepare", "b:prepare", "c:prepare", "c:destroy", "b:destroy", "a:destroy"]);
    expect(report).toEqual({ status: { a: true, b: true, c: true }, skipped: [] });
  });

  it("lets later stages read outputs refreshed by earlier prepares", async () => {
    const seen: unknown[] = [];
    class Reader extends NebariStage {
      static override stageName = "reader";
      static override priority = 2;
      override *destroy(stageOutputs: StageOutputs) {
        seen.push(stageOutputs["a"]);
        yield;
      }
    }
    await destroyStages([recorded("a", 1, []), Reader], options);
    expect(seen).toEqual([{ refreshed: true }]);
  });

  it("runs a plain destroy method in the descending pass", async () => {
    const log: string[] = [];
    class Plain extends NebariStage {
      static override stageName = "plain";
      static override priority = 2;
      override async destroy() {
        await Promise.resolve();
        log.push("plain:destroy");
      }
    }
    await destroyStages([recorded("a", 1, log), Plain, recorded("c", 3, log)], options);
    expect(log).toEqual(["a:prepare", "c:prepare", "c:destroy", "plain:destroy", "a:destroy"]);
  });

  it("runs a generator returned by a plain method entirely in the descending pass", async () => {
    const log: string[] = [];
    class Wrapping extends NebariStage {
      static override stageName = "wrapping";
      static override priority = 2;
      override destroy(stageOutputs: StageOutputs, status: StageStatus) {
        return this.#destroy(stageOutputs, status);
      }
      *#destroy(_stageOutputs: StageOutputs, _status: StageStatus) {
        log.push("wrapping:prepare");
        yield;
        log.push("wrapping:destroy");
      }
    }
    await destroyStages([recorded("a", 1, log), Wrapping], options);
    expect(log).toEqual(["a:prepare", "wrapping:prepare", "wrapping:destroy", "a:destroy"]);
  });

  it("on a failure preparing stage k, destroys the stages before k, marks k failed and skips the rest", async () => {
    const log: string[] = [];
    const error = await rejection(
      destroyStages(
        [
          recorded("a", 1, log),
          recorded("b", 2, log),
          recorded("k", 3, log, { failPrepare: true }),
          recorded("d", 4, log),
          recorded("e", 5, log),
        ],
        options,
      ),
    );
    expect(log).toEqual(["a:prepare", "b:prepare", "k:prepare", "b:destroy", "a:destroy"]);
    expect(error.stage).toBe("k");
    expect(error.phase).toBe("prepare");
    expect(error.cause).toEqual(new Error("k refresh failed"));
    expect(error.report).toEqual({ status: { k: false, b: true, a: true }, skipped: ["d", "e"] });
    expect(error.message).toMatchInlineSnapshot(`"Stage "k" failed to prepare its destroy: k refresh failed"`);
  });

  it("records the right stage when a constructor throws", async () => {
    const log: string[] = [];
    class Broken extends NebariStage {
      static override stageName = "broken";
      static override priority = 2;
      constructor(init: { outputDirectory: string; config: unknown }) {
        super(init);
        throw new Error("cannot construct");
      }
    }
    const error = await rejection(destroyStages([recorded("a", 1, log), Broken, recorded("c", 3, log)], options));
    expect(error.report).toEqual({ status: { broken: false, a: true }, skipped: ["c"] });
  });

  it("on a failure destroying stage j, still destroys the stages before j", async () => {
    const log: string[] = [];
    const error = await rejection(
      destroyStages([recorded("a", 1, log), recorded("j", 2, log, { failDestroy: true }), recorded("c", 3, log)], options),
    );
    expect(log).toEqual(["a:prepare", "j:prepare", "c:prepare", "c:destroy", "j:destroy", "a:destroy"]);
    expect(error.stage).toBe("j");
    expect(error.phase).toBe("destroy");
    expect(error.report).toEqual({ status: { c: true, j: false, a: true }, skipped: [] });
  });

  it("keeps every failure: the first is the error, the others are in otherErrors", async () => {
    const log: string[] = [];
    const error = await rejection(
      destroyStages(
        [
          recorded("a", 1, log, { failDestroy: true }),
          recorded("b", 2, log, { failDestroy: true }),
          recorded("c", 3, log, { failPrepare: true }),
        ],
        options,
      ),
    );
    expect(error.stage).toBe("c");
    expect(error.otherErrors.map((other) => [other.stage, other.phase])).toEqual([
      ["b", "destroy"],
      ["a", "destroy"],
    ]);
    expect(error.report).toEqual({ status: { c: false, b: false, a: false }, skipped: [] });
  });

  it("lets a stage see which later stages were destroyed", async () => {
    let seen: StageStatus | undefined;
    class First extends NebariStage {
      static override stageName = "first";
      static override priority = 1;
      override *destroy(_stageOutputs: StageOutputs, status: StageStatus) {
        yield;
        seen = { ...status };
      }
    }
    await destroyStages([First, recorded("second", 2, [])], options);
    expect(seen).toEqual({ second: true });
  });

  it("overwrites what a stage wrote into its own status entry", async () => {
    class Liar extends NebariStage {
      static override stageName = "liar";
      static override priority = 1;
      override *destroy(_stageOutputs: StageOutputs, status: StageStatus) {
        yield;
        status["liar"] = false;
      }
    }
    await expect(destroyStages([Liar], options)).resolves.toEqual({ status: { liar: true }, skipped: [] });
  });

  it("keeps every stage in the report, also those named like members of Object.prototype", async () => {
    const failing = (name: string) =>
      class extends NebariStage {
        static override stageName = name;
        static override priority = 1;
        override destroy(): void {
          throw new Error(`${name} is stuck`);
        }
      };
    const error = await destroyStages(
      [failing("constructor"), recorded("toString", 2, []), failing("hasOwnProperty")],
      options,
    ).catch((caught: unknown) => caught);
    expect(Object.entries((error as { report: { status: object } }).report.status)).toEqual([
      ["hasOwnProperty", false],
      ["toString", true],
      ["constructor", false],
    ]);
  });

  it("resolves with an empty report for no stages", async () => {
    await expect(destroyStages([], options)).resolves.toEqual({ status: {}, skipped: [] });
  });

  it("destroys everything despite a throwing progress callback, then rejects with its error and the report", async () => {
    const log: string[] = [];
    const error = await rejection(
      destroyStages([recorded("a", 1, log), recorded("b", 2, log)], {
        ...options,
        onProgress: () => {
          throw new Error("display broke");
        },
      }),
    );
    expect(log).toEqual(["a:prepare", "b:prepare", "b:destroy", "a:destroy"]);
    expect(error.phase).toBe("progress");
    expect(error.report).toEqual({ status: { a: true, b: true }, skipped: [] });
    expect(error.otherErrors).toHaveLength(7);
  });

  it("reports prepare and destroy steps to onProgress", async () => {
    const events: StageProgressEvent[] = [];
    await destroyStages([recorded("a", 1, []), recorded("b", 2, [])], { ...options, onProgress: (event) => events.push(event) });
    expect(events.filter((event) => event.type === "finish").map((event) => `${event.stage} ${event.phase}`)).toEqual([
      "a prepare",
      "b prepare",
      "b destroy",
      "a destroy",
    ]);
    expect(events.every((event) => event.flow === "destroy")).toBe(true);
  });
});
