// Several monitors nest as pluggy's wrapped _hookexec does: the most recent is the outermost, a
// before that throws skips the monitors inside it and the call, an after that throws is the
// outcome the next one out sees, and each after sees what the one inside it left.
import { describe, expect, it } from "vitest";
import type { Result } from "../../src/index.ts";
import { callHook, callModes, createManager, hookimpl, hookOf } from "../support/harness.ts";

function setup(log: string[]) {
  const { pm } = createManager();
  pm.register({ work: hookimpl(() => (log.push("call"), 1)) }, "worker");
  return pm;
}

describe.each(callModes)("nested monitors (%s)", (mode) => {
  it("runs befores from the newest monitor in and afters from the oldest out", async () => {
    const log: string[] = [];
    const pm = setup(log);
    for (const name of ["old", "mid", "new"]) {
      pm.addHookcallMonitoring(
        () => log.push(`${name} before`),
        (outcome: Result<unknown>) => log.push(`${name} after ${JSON.stringify(outcome.getResult())}`),
      );
    }
    await expect(callHook(hookOf(pm, "work"), undefined, mode)).resolves.toEqual([1]);
    expect(log).toEqual(["new before", "mid before", "old before", "call", "old after [1]", "mid after [1]", "new after [1]"]);
  });

  it("skips the monitors inside a before that throws, and the call, and shows the error to the ones outside", async () => {
    const log: string[] = [];
    const pm = setup(log);
    const boom = new Error("before failed");
    pm.addHookcallMonitoring(
      () => log.push("old before"),
      () => log.push("old after"),
    );
    pm.addHookcallMonitoring(
      () => {
        throw boom;
      },
      () => log.push("mid after"),
    );
    pm.addHookcallMonitoring(
      () => log.push("new before"),
      (outcome: Result<unknown>) => log.push(`new after ${(outcome.exception as Error).message}`),
    );
    await expect(callHook(hookOf(pm, "work"), undefined, mode)).rejects.toBe(boom);
    expect(log).toEqual(["new before", "new after before failed"]);
  });

  it("passes an error thrown by an after to the monitor outside it", async () => {
    const log: string[] = [];
    const pm = setup(log);
    const boom = new Error("after failed");
    pm.addHookcallMonitoring(
      () => undefined,
      () => {
        throw boom;
      },
    );
    pm.addHookcallMonitoring(
      () => undefined,
      (outcome: Result<unknown>) => log.push(`outer sees ${outcome.failed ? (outcome.exception as Error).message : "a result"}`),
    );
    await expect(callHook(hookOf(pm, "work"), undefined, mode)).rejects.toBe(boom);
    expect(log).toEqual(["call", "outer sees after failed"]);
  });

  it("lets the outer monitor see, and change again, what an inner after forced", async () => {
    const log: string[] = [];
    const pm = setup(log);
    pm.addHookcallMonitoring(
      () => undefined,
      (outcome: Result<unknown>) => outcome.forceResult(["inner"]),
    );
    pm.addHookcallMonitoring(
      () => undefined,
      (outcome: Result<unknown>) => {
        log.push(JSON.stringify(outcome.getResult()));
        outcome.forceResult(["outer"]);
      },
    );
    await expect(callHook(hookOf(pm, "work"), undefined, mode)).resolves.toEqual(["outer"]);
    expect(log).toEqual(["call", '["inner"]']);
  });
});
