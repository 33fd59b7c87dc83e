import { describe, expect, it } from "vitest";
import {
  planStages,
  resolveStages,
  StageConflictError,
  StageExcludePatternError,
  StageWarning,
  HooksmithError,
} from "../../src/index.ts";
import { names, stage } from "./helpers.ts";

const quiet = { warn: () => {} };

describe("resolveStages", () => {
  it("sorts stages by ascending priority, floats and negatives included", () => {
    const stages = [stage("c", 30), stage("a", -5), stage("b", 2.5), stage("d", 2.25)];
    expect(names(resolveStages(stages))).toEqual(["a", "d", "b", "c"]);
  });

  it("returns the stage classes themselves, as a new array", () => {
    const input = [stage("b", 2), stage("a", 1)];
    const result = resolveStages(input);
    expect(result).toEqual([input[1], input[0]]);
    expect(result).not.toBe(input);
  });

  it("keeps different names at one priority in input order", () => {
    const stages = [stage("z", 50), stage("m", 50), stage("a", 50), stage("first", 10)];
    expect(names(resolveStages(stages))).toEqual(["first", "z", "m", "a"]);
  });

  it("keeps the highest priority of a duplicate name, at its own priority slot", () => {
    const infra = stage("02-infrastructure", 20, { className: "Infra" });
    const override = stage("02-infrastructure", 25, { className: "MyInfra" });
    const between = stage("between", 22);
    const result = resolveStages([infra, between, override]);
    expect(result).toEqual([between, override]);
  });

  it("drops a lower-priority duplicate wherever it comes in the input", () => {
    const high = stage("x", 40);
    const low = stage("x", 10);
    expect(resolveStages([high, low])).toEqual([high]);
    expect(resolveStages([low, high])).toEqual([high]);
  });

  it("keeps one copy of the same class given twice", () => {
    const hello = stage("hello", 100);
    expect(resolveStages([hello, stage("a", 1), hello])).toEqual([expect.anything(), hello]);
    expect(resolveStages([hello, hello])).toHaveLength(1);
  });

  it("throws StageConflictError naming both classes for one name at one priority", () => {
    const a = stage("infra", 20, { className: "InfraA" });
    const b = stage("infra", 20, { className: "InfraB" });
    expect(() => resolveStages([a, stage("other", 1), b])).toThrowErrorMatchingInlineSnapshot(
      `[StageConflictError: Stage conflict: two stages named "infra" have priority 20: InfraA (index 0) and InfraB (index 2); give the one that should win a higher priority, or remove one]`,
    );
  });

  it("names the plugins of a conflict when sources are given", () => {
    const a = stage("infra", 20, { className: "InfraA" });
    const b = stage("infra", 20, { className: "InfraB" });
    let caught: unknown;
    try {
      resolveStages([
        { stage: a, source: "plugin-a" },
        { stage: b, source: "plugin-b" },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StageConflictError);
    expect(caught).toBeInstanceOf(HooksmithError);
    const conflict = caught as StageConflictError;
    expect(conflict.code).toBe("HOOKSMITH_STAGE_CONFLICT");
    expect(conflict.stageName).toBe("infra");
    expect(conflict.priority).toBe(20);
    expect(conflict.first).toEqual({ stage: a, name: "infra", priority: 20, index: 0, source: "plugin-a" });
    expect(conflict.second.source).toBe("plugin-b");
    expect(conflict.message).toContain('InfraA (plugin "plugin-a", index 0) and InfraB (plugin "plugin-b", index 1)');
  });

  it("does not report a conflict between two losers of a lower priority", () => {
    const winner = stage("x", 30);
    expect(resolveStages([stage("x", 10), stage("x", 10), winner])).toEqual([winner]);
  });
});

describe("resolveStages excludeStages", () => {
  const infra = stage("02-infrastructure", 20);
  const ingress = stage("04-kubernetes-ingress", 40);
  const services = stage("07-kubernetes-services", 70);
  const all = [infra, ingress, services];

  it("matches a string pattern against the whole name", () => {
    expect(names(resolveStages(all, { excludeStages: ["infra"], ...quiet }))).toEqual([
      "02-infrastructure",
      "04-kubernetes-ingress",
      "07-kubernetes-services",
    ]);
    expect(names(resolveStages(all, { excludeStages: [".*infra.*"] }))).toEqual([
      "04-kubernetes-ingress",
      "07-kubernetes-services",
    ]);
    expect(names(resolveStages(all, { excludeStages: ["02-.*"] }))).toEqual(["04-kubernetes-ingress", "07-kubernetes-services"]);
  });

  it("excludes a stage matched by any of several patterns", () => {
    expect(names(resolveStages(all, { excludeStages: ["02-.*", "07-kubernetes-services"] }))).toEqual(["04-kubernetes-ingress"]);
  });

  it("anchors an alternation as a whole", () => {
    expect(names(resolveStages(all, { excludeStages: ["02|04-kubernetes-ingress"] }))).toEqual([
      "02-infrastructure",
      "07-kubernetes-services",
    ]);
  });

  it("uses a RegExp object as it is, unanchored", () => {
    expect(names(resolveStages(all, { excludeStages: [/infra/] }))).toEqual(["04-kubernetes-ingress", "07-kubernetes-services"]);
    expect(names(resolveStages(all, { excludeStages: [/^infra$/], ...quiet }))).toHaveLength(3);
  });

  it("ignores the lastIndex of a global RegExp", () => {
    const pattern = /kubernetes/g;
    expect(names(resolveStages(all, { excludeStages: [pattern] }))).toEqual(["02-infrastructure"]);
    expect(names(resolveStages(all, { excludeStages: [pattern] }))).toEqual(["02-infrastructure"]);
  });

  it("treats the empty pattern as matching only an empty name", () => {
    expect(resolveStages(all, { excludeStages: [""], ...quiet })).toHaveLength(3);
  });

  it("throws StageExcludePatternError for an invalid pattern, before looking at any stage", () => {
    const broken = stage("", 1);
    expect(() => resolveStages([broken], { excludeStages: [".*", "02-(infra"] })).toThrowErrorMatchingInlineSnapshot(
      `[StageExcludePatternError: Invalid stage exclusion pattern "02-(infra" (excludeStages[1]): Invalid regular expression: /02-(infra/: Unterminated group]`,
    );
  });

  it("rejects a pattern that only becomes valid once anchored", () => {
    let caught: unknown;
    try {
      resolveStages(all, { excludeStages: ["a)|(b"] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StageExcludePatternError);
    expect((caught as StageExcludePatternError).pattern).toBe("a)|(b");
    expect((caught as StageExcludePatternError).index).toBe(0);
    expect((caught as StageExcludePatternError).code).toBe("HOOKSMITH_INVALID_EXCLUDE_PATTERN");
  });

  it("rejects a pattern that is neither a string nor a RegExp", () => {
    expect(() => resolveStages(all, { excludeStages: [42 as unknown as string] })).toThrowErrorMatchingInlineSnapshot(
      `[StageExcludePatternError: Invalid stage exclusion pattern the number 42 (excludeStages[0]): expected a string or a RegExp, got the number 42]`,
    );
  });

  it("warns about a pattern that matched no stage", () => {
    const warnings: Error[] = [];
    resolveStages(all, { excludeStages: ["infra", ".*services"], warn: (warning) => warnings.push(warning) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBeInstanceOf(StageWarning);
    expect((warnings[0] as StageWarning).code).toBe("HOOKSMITH_UNMATCHED_EXCLUDE_PATTERN");
    expect(warnings[0]?.message).toMatchInlineSnapshot(
      `"Stage exclusion pattern "infra" (excludeStages[0]) matched no stage (a pattern must match the whole name: did you mean ".*infra.*"?)"`,
    );
  });

  it("emits the warning through process.emitWarning when no warn callback is given", async () => {
    const seen: Error[] = [];
    const listener = (warning: Error) => seen.push(warning);
    process.on("warning", listener);
    try {
      resolveStages(all, { excludeStages: ["nothing"] });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", listener);
    }
    expect(seen.map((warning) => (warning as StageWarning).code)).toEqual(["HOOKSMITH_UNMATCHED_EXCLUDE_PATTERN"]);
  });

  it("does not fall back to a shadowed stage when the overriding one is excluded", () => {
    const original = stage("02-infrastructure", 20);
    const override = stage("02-infrastructure", 25);
    const plan = planStages([original, override, services], { excludeStages: ["02-infrastructure"] });
    expect(names(plan.stages)).toEqual(["07-kubernetes-services"]);
    expect(plan.excluded.map((entry) => entry.stage)).toEqual([override]);
    expect(plan.shadowed.map((entry) => entry.stage)).toEqual([original]);
  });
});

describe("planStages", () => {
  it("reports which stage shadowed which, which were excluded, and why", () => {
    const builtin = stage("02-infrastructure", 20, { className: "Infra" });
    const mine = stage("02-infrastructure", 25, { className: "MyInfra" });
    const hello = stage("hello", 100);
    const health = stage("10-kuberhealthy", 100);
    const plan = planStages(
      [
        { stage: builtin, source: "builtin" },
        { stage: health, source: "builtin" },
        { stage: mine, source: "my-plugin" },
        { stage: hello, source: "hello-plugin" },
      ],
      { excludeStages: [".*kuberhealthy.*", "nope"] },
    );
    expect(plan.stages).toEqual([mine, hello]);
    expect(plan.order).toEqual([
      { stage: mine, name: "02-infrastructure", priority: 25, index: 2, source: "my-plugin" },
      { stage: hello, name: "hello", priority: 100, index: 3, source: "hello-plugin" },
    ]);
    expect(plan.shadowed).toEqual([
      {
        stage: builtin,
        name: "02-infrastructure",
        priority: 20,
        index: 0,
        source: "builtin",
        shadowedBy: plan.order[0],
      },
    ]);
    expect(plan.excluded).toEqual([
      {
        stage: health,
        name: "10-kuberhealthy",
        priority: 100,
        index: 1,
        source: "builtin",
        reason: "pattern",
        pattern: ".*kuberhealthy.*",
      },
    ]);
    expect(plan.warnings.map((warning) => [warning.code, warning.pattern])).toEqual([
      ["HOOKSMITH_UNMATCHED_EXCLUDE_PATTERN", "nope"],
    ]);
  });

  it("returns warnings without emitting them", () => {
    const listener = () => {
      throw new Error("planStages must not emit warnings");
    };
    process.on("warning", listener);
    try {
      expect(planStages([stage("a", 1)], { excludeStages: ["b"] }).warnings).toHaveLength(1);
    } finally {
      process.off("warning", listener);
    }
  });

  it("leaves out every stage of an excluded source before deduplication", () => {
    const builtinInfra = stage("02-infrastructure", 20);
    const builtinBootstrap = stage("bootstrap", 0);
    const pluginInfra = stage("02-infrastructure", 15);
    const plan = planStages(
      [
        { stage: builtinBootstrap, source: "builtin" },
        { stage: builtinInfra, source: "builtin" },
        { stage: pluginInfra, source: "plugin" },
      ],
      { excludeSources: ["builtin"] },
    );
    expect(plan.stages).toEqual([pluginInfra]);
    expect(plan.shadowed).toEqual([]);
    expect(plan.excluded.map((entry) => [entry.name, entry.reason])).toEqual([
      ["bootstrap", "source"],
      ["02-infrastructure", "source"],
    ]);
  });
});
