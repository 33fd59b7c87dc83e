import { describe, expect, it } from "vitest";
import { planStages, resolveStages, StageCycleError, type StageWarning } from "../../src/index.ts";
import { names, stage } from "./helpers.ts";

describe("resolveStages ordering constraints", () => {
  it("runs a stage after the stages it names in after, whatever their priority", () => {
    const stages = [stage("app", 10, { after: ["database"] }), stage("database", 50), stage("cache", 30)];
    expect(names(resolveStages(stages))).toEqual(["cache", "database", "app"]);
  });

  it("runs a stage before the stages it names in before", () => {
    const stages = [stage("a", 10), stage("b", 20), stage("migrations", 90, { before: ["b"] })];
    expect(names(resolveStages(stages))).toEqual(["a", "migrations", "b"]);
  });

  it("breaks ties between ready stages by priority, then input order", () => {
    const stages = [
      stage("late", 5, { after: ["root"] }),
      stage("root", 100),
      stage("x", 50),
      stage("y", 50),
      stage("early", 1, { after: ["root"] }),
    ];
    expect(names(resolveStages(stages))).toEqual(["x", "y", "root", "early", "late"]);
  });

  it("keeps pure priority order when there are no constraints", () => {
    const stages = [stage("c", 3), stage("a", 1), stage("b", 2)];
    expect(names(resolveStages(stages))).toEqual(["a", "b", "c"]);
  });

  it("throws StageCycleError naming the cycle", () => {
    const stages = [
      stage("a", 1, { after: ["c"] }),
      stage("b", 2, { after: ["a"] }),
      stage("c", 3, { after: ["b"] }),
      stage("free", 0),
    ];
    let caught: unknown;
    try {
      resolveStages(stages);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StageCycleError);
    expect((caught as StageCycleError).cycle).toEqual(["a", "b", "c", "a"]);
    expect((caught as StageCycleError).code).toBe("HOOKSMITH_STAGE_CYCLE");
    expect((caught as StageCycleError).message).toMatchInlineSnapshot(
      `"Stage ordering constraints form a cycle: "a" → "b" → "c" → "a" (each must run before the next); remove one of the "after" / "before" entries"`,
    );
  });

  it("finds a cycle made of after and before together", () => {
    const stages = [stage("a", 1, { before: ["b"] }), stage("b", 2, { before: ["a"] })];
    expect(() => resolveStages(stages)).toThrow('"a" → "b" → "a"');
  });

  it("reports a stage that must run after itself", () => {
    expect(() => resolveStages([stage("self", 1, { after: ["self"] })])).toThrow('"self" → "self"');
  });

  it("ignores constraints on stages that are excluded, without a warning", () => {
    const warnings: Error[] = [];
    const stages = [stage("app", 10, { after: ["database"] }), stage("database", 50)];
    expect(names(resolveStages(stages, { excludeStages: ["database"], warn: (warning) => warnings.push(warning) }))).toEqual([
      "app",
    ]);
    expect(warnings).toEqual([]);
  });

  it("warns about a constraint naming no stage at all", () => {
    const plan = planStages([stage("app", 10, { after: ["databse"] })]);
    expect(names(plan.stages)).toEqual(["app"]);
    expect(plan.warnings.map((warning: StageWarning) => [warning.code, warning.stage, warning.reference])).toEqual([
      ["HOOKSMITH_UNKNOWN_STAGE_REFERENCE", "app", "databse"],
    ]);
    expect(plan.warnings[0]?.message).toMatchInlineSnapshot(
      `"Stage "app" declares after: "databse", but no stage has that name; the constraint is ignored"`,
    );
  });

  it("uses the constraints of the winning class only", () => {
    const shadowed = stage("app", 10, { after: ["z"] });
    const winner = stage("app", 20);
    expect(names(resolveStages([shadowed, winner, stage("z", 30)]))).toEqual(["app", "z"]);
  });
});
