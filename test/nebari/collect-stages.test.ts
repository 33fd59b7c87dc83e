// collectStages: the stage hook called once, plugin by plugin, in registration order, with
// validation naming the plugin and exclusion of built-in stages by source.
import { afterAll, describe, expect, it } from "vitest";
import {
  collectStages,
  HookimplMarker,
  HookspecMarker,
  PluginHookError,
  PluginManager,
  StageConflictError,
  StageDefinitionError,
  StageExcludePatternError,
  type StageClass,
} from "hooksmith";
import { makeTree, names, removeTrees, stage } from "./helpers.ts";
import { rejectionOf } from "../support/harness.ts";

afterAll(removeTrees);

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");
const specs = { example_stage: hookspec({ argnames: [] })((): StageClass[] => []) };

/** A manager of project "example" with the stage spec. */
function manager(): PluginManager {
  const pm = new PluginManager("example");
  pm.addHookspecs(specs);
  return pm;
}

/** A plugin contributing `stages`, counting its calls into `counter`. */
function contributes(result: unknown, counter?: { calls: number }): object {
  return {
    example_stage: hookimpl(() => {
      if (counter !== undefined) counter.calls++;
      return result;
    }),
  };
}

describe("collectStages", () => {
  it("orders candidates by plugin registration, first registered first, unlike pluggy's call order", async () => {
    const pm = manager();
    const a = stage("a", 50);
    const b = stage("b", 50);
    const c = stage("c", 50);
    pm.register(contributes([a]), "first");
    pm.register(contributes([b, c]), "second");

    expect(pm.hook["example_stage"]!().flat()).toEqual([b, c, a]);
    const plan = await collectStages(pm, "example_stage");
    expect(names(plan.stages)).toEqual(["a", "b", "c"]);
    expect(plan.contributors.map((contributor) => contributor.name)).toEqual(["first", "second"]);
  });

  it("attributes every stage to its plugin, with the plugin's source and record", async () => {
    const root = await makeTree({ "file-plugin.mjs": `export const id = "file";\n` });
    const pm = manager();
    const builtin = contributes([stage("bootstrap", 0)]);
    pm.register(builtin, "builtin-bootstrap");
    await pm.importPlugin("./file-plugin.mjs", undefined, { cwd: root });
    const hello = stage("hello", 100);
    pm.register(contributes([hello]), "hello-plugin");

    const plan = await collectStages(pm, "example_stage", { builtins: [builtin] });
    expect(plan.order.map(({ name, priority, source, contributor }) => [name, priority, source, contributor.source])).toEqual([
      ["bootstrap", 0, "builtin-bootstrap", "builtin"],
      ["hello", 100, "hello-plugin", "register"],
    ]);
    expect(plan.contributors.map(({ name, source, stages }) => [name, source, names(stages)])).toEqual([
      ["builtin-bootstrap", "builtin", ["bootstrap"]],
      ["hello-plugin", "register", ["hello"]],
    ]);
    expect(plan.order[1]!.contributor.plugin).toBe(pm.getPlugin("hello-plugin"));
    expect(plan.hookName).toBe("example_stage");
  });

  it("gives imported plugins their record", async () => {
    const root = await makeTree({
      "package.json": { name: "local-stages", version: "0.3.0", type: "module" },
      "plugin.mjs": `import { HookimplMarker } from "hooksmith";\nclass Imported { static stageName = "imported"; static priority = 5; }\nexport const example_stage = HookimplMarker("example")(() => [Imported]);\n`,
    });
    const pm = manager();
    await pm.importPlugin("./plugin.mjs", undefined, { cwd: root });
    const plan = await collectStages(pm, "example_stage");
    const [contributor] = plan.contributors;
    expect(contributor?.source).toBe("import");
    expect(contributor?.record).toMatchObject({ packageName: "local-stages", version: "0.3.0", specifier: "./plugin.mjs" });
    expect(names(plan.stages)).toEqual(["imported"]);
  });

  it("calls every implementation exactly once per collection, through the regular call loop", async () => {
    const pm = manager();
    const counters = [{ calls: 0 }, { calls: 0 }, { calls: 0 }];
    for (const [position, counter] of counters.entries())
      pm.register(contributes([stage(`s${position}`, position)], counter), `p${position}`);
    const monitored: string[] = [];
    pm.addHookcallMonitoring(
      (hookName, impls) => monitored.push(`${hookName}: ${impls.map((impl) => impl.pluginName).join(",")}`),
      () => undefined,
    );

    await collectStages(pm, "example_stage");
    expect(counters.map((counter) => counter.calls)).toEqual([1, 1, 1]);
    expect(monitored).toEqual(["example_stage: p0", "example_stage: p1", "example_stage: p2"]);
  });

  it("awaits implementations that return a promise, and treats undefined as no stages", async () => {
    const pm = manager();
    const lazy = stage("lazy", 1);
    pm.register({ example_stage: hookimpl(async () => [lazy]) }, "async-plugin");
    pm.register({ example_stage: hookimpl(() => undefined) }, "nothing-plugin");
    const plan = await collectStages(pm, "example_stage");
    expect(plan.stages).toEqual([lazy]);
    expect(plan.contributors.map(({ name, stages }) => [name, stages.length])).toEqual([
      ["async-plugin", 1],
      ["nothing-plugin", 0],
    ]);
  });

  it("returns an empty plan when no plugin implements the hook", async () => {
    const plan = await collectStages(new PluginManager("example"), "example_stage");
    expect(plan).toMatchObject({ stages: [], order: [], contributors: [], warnings: [] });
  });

  it("reports which stage shadowed which, with both plugins", async () => {
    const pm = manager();
    const infra = stage("02-infrastructure", 20);
    const mine = stage("02-infrastructure", 25);
    pm.register(contributes([infra]), "builtin-infra");
    pm.register(contributes([mine]), "my-infra");
    const plan = await collectStages(pm, "example_stage");
    expect(plan.shadowed.map(({ source, shadowedBy }) => [source, shadowedBy.source, shadowedBy.contributor.name])).toEqual([
      ["builtin-infra", "my-infra", "my-infra"],
    ]);
    expect(plan.shadowed[0]!.shadowedBy).toBe(plan.order[0]);
  });

  it("names both plugins of a same-name, same-priority conflict", async () => {
    const pm = manager();
    pm.register(contributes([stage("02-infrastructure", 20, { className: "Infra" })]), "builtin-infra");
    pm.register(contributes([stage("02-infrastructure", 20, { className: "OtherInfra" })]), "other-infra");
    const error = await rejectionOf(collectStages(pm, "example_stage"));
    expect(error).toBeInstanceOf(StageConflictError);
    expect((error as StageConflictError).message).toMatchInlineSnapshot(
      `"Stage conflict: two stages named "02-infrastructure" have priority 20: Infra (plugin "builtin-infra", index 0) and OtherInfra (plugin "other-infra", index 1); give the one that should win a higher priority, or remove one"`,
    );
  });
});

describe("collectStages validation", () => {
  it("rejects a plugin returning a stage class instead of an array, naming the plugin", async () => {
    const pm = manager();
    pm.register(contributes(stage("hello", 1, { className: "HelloStage" })), "hello-plugin");
    const error = await rejectionOf(collectStages(pm, "example_stage"));
    expect(error).toBeInstanceOf(PluginHookError);
    expect(error).toMatchObject({ code: "HOOKSMITH_PLUGIN_HOOK_RESULT", pluginName: "hello-plugin", hookName: "example_stage" });
    expect((error as Error).message).toMatchInlineSnapshot(
      `"Plugin "hello-plugin" returned the class HelloStage from hook "example_stage", expected an array of stage classes (return [HelloStage])"`,
    );
  });

  it.each([
    ["an object", { stageName: "x", priority: 1 }, "expected a stage class"],
    ["a stage without stageName", stage("", 1, { className: "Nameless" }), "stageName must be a non-empty string"],
    ["a NaN priority", stage("nan", Number.NaN), "priority must be a finite number, got the number NaN"],
    ["a string priority", stage("text", "10" as unknown as number), 'priority must be a finite number, got the string "10"'],
  ])("rejects %s, naming the plugin and the position", async (_label, bad, problem) => {
    const pm = manager();
    pm.register(contributes([stage("fine", 1)]), "good-plugin");
    pm.register(contributes([stage("ok", 2), bad]), "bad-plugin");
    const error = await rejectionOf(collectStages(pm, "example_stage"));
    expect(error).toBeInstanceOf(StageDefinitionError);
    expect(error).toMatchObject({ source: "bad-plugin", index: 1 });
    expect((error as Error).message).toContain('plugin "bad-plugin", index 1');
    expect((error as Error).message).toContain(problem);
  });

  it("rejects two stages of one name from one plugin", async () => {
    const pm = manager();
    pm.register(contributes([stage("twice", 1), stage("twice", 2)]), "double-plugin");
    const error = await rejectionOf(collectStages(pm, "example_stage"));
    expect(error).toBeInstanceOf(StageDefinitionError);
    expect((error as Error).message).toContain('plugin "double-plugin" contributes two stages named "twice"');
  });

  it("wraps an implementation's error in PluginHookError naming the plugin, keeping the original as cause", async () => {
    const pm = manager();
    const original = new Error("cannot import heavy module");
    pm.register({ example_stage: hookimpl(() => Promise.reject(original)) }, "broken-plugin");
    const error = await rejectionOf(collectStages(pm, "example_stage"));
    expect(error).toBeInstanceOf(PluginHookError);
    expect(error).toMatchObject({ code: "HOOKSMITH_PLUGIN_HOOK_FAILED", pluginName: "broken-plugin" });
    expect((error as Error).cause).toBe(original);
    expect((error as Error).message).toBe('Plugin "broken-plugin" failed in hook "example_stage": cannot import heavy module');
  });

  it("rejects a wrapper implementation before calling any plugin", async () => {
    const pm = manager();
    const counter = { calls: 0 };
    pm.register(contributes([stage("a", 1)], counter), "plain");
    pm.register(
      {
        example_stage: hookimpl({ wrapper: true })(function* () {
          return (yield) as unknown;
        }),
      },
      "filtering-wrapper",
    );
    const error = await rejectionOf(collectStages(pm, "example_stage"));
    expect(error).toMatchObject({ code: "HOOKSMITH_PLUGIN_HOOK_WRAPPER", pluginName: "filtering-wrapper" });
    expect(counter.calls).toBe(0);
  });

  it("refuses a historic hook, whose calls could not be attributed", async () => {
    const pm = new PluginManager("example");
    pm.addHookspecs({ historic_stage: hookspec({ historic: true, argnames: [] })(() => undefined) });
    pm.register({ historic_stage: hookimpl(() => [stage("a", 1)]) }, "plain");
    await expect(collectStages(pm, "historic_stage")).rejects.toThrow(TypeError);
  });

  it("rejects an invalid exclusion pattern before any hook runs", async () => {
    const pm = manager();
    const counter = { calls: 0 };
    pm.register(contributes([stage("a", 1)], counter), "plain");
    const error = await rejectionOf(collectStages(pm, "example_stage", { excludeStages: ["(unclosed"] }));
    expect(error).toBeInstanceOf(StageExcludePatternError);
    expect(counter.calls).toBe(0);
  });
});

describe("collectStages exclusion", () => {
  it("removes the built-in plugins' stages by source, whenever those plugins were registered", async () => {
    const pm = manager();
    const external = stage("hello", 100);
    const override = stage("02-infrastructure", 15);
    pm.register(contributes([external]), "hello-plugin");
    // Registered after the external plugins, and already registered when the run starts.
    const builtin = contributes([stage("bootstrap", 0), stage("02-infrastructure", 20)]);
    pm.register(builtin, "builtin-stages");
    pm.register(contributes([override]), "my-infra");

    const all = await collectStages(pm, "example_stage", { builtins: [builtin] });
    expect(names(all.stages)).toEqual(["bootstrap", "02-infrastructure", "hello"]);
    expect(all.order[1]!.source).toBe("builtin-stages");

    const plan = await collectStages(pm, "example_stage", { builtins: ["builtin-stages"], excludeBuiltins: true });
    expect(plan.stages).toEqual([override, external]);
    expect(plan.excluded.map(({ name, reason, source }) => [name, reason, source])).toEqual([
      ["bootstrap", "source", "builtin-stages"],
      ["02-infrastructure", "source", "builtin-stages"],
    ]);
    expect(pm.hasPlugin("builtin-stages")).toBe(true);
  });

  it("excludes the stages of named plugins, and warns about a name that matches no contributor", async () => {
    const pm = manager();
    pm.register(contributes([stage("a", 1)]), "keep");
    pm.register(contributes([stage("b", 2)]), "drop");
    const plan = await collectStages(pm, "example_stage", { excludeSources: ["drop", "typo"] });
    expect(names(plan.stages)).toEqual(["a"]);
    expect(plan.excluded.map(({ name, source }) => [name, source])).toEqual([["b", "drop"]]);
    expect(plan.warnings.map((warning) => [warning.code, warning.reference])).toEqual([
      ["HOOKSMITH_UNMATCHED_EXCLUDE_SOURCE", "typo"],
    ]);
  });

  it("excludes by whole-name pattern after deduplication and warns about a pattern that matched nothing", async () => {
    const pm = manager();
    pm.register(contributes([stage("02-infrastructure", 20), stage("04-ingress", 40)]), "builtin");
    pm.register(contributes([stage("02-infrastructure", 25)]), "override");
    const plan = await collectStages(pm, "example_stage", { excludeStages: [".*infra.*", "infra"] });
    expect(names(plan.stages)).toEqual(["04-ingress"]);
    expect(plan.excluded.map(({ name, source, reason }) => [name, source, reason])).toEqual([
      ["02-infrastructure", "override", "pattern"],
    ]);
    expect(plan.shadowed.map(({ source, shadowedBy }) => [source, shadowedBy.source])).toEqual([["builtin", "override"]]);
    expect(plan.warnings.map((warning) => warning.code)).toEqual(["HOOKSMITH_UNMATCHED_EXCLUDE_PATTERN"]);
  });

  it("passes arguments to a hook that takes some", async () => {
    const pm = new PluginManager("example");
    pm.addHookspecs({ stages_for: hookspec({ argnames: ["provider"] })((_args: { provider: string }): StageClass[] => []) });
    pm.register({ stages_for: hookimpl(({ provider }: { provider: string }) => [stage(`infra-${provider}`, 1)]) }, "infra");
    const plan = await collectStages(pm, "stages_for", { args: { provider: "aws" } });
    expect(names(plan.stages)).toEqual(["infra-aws"]);
  });

  it("stops between plugins when its signal is aborted", async () => {
    const pm = manager();
    const controller = new AbortController();
    const later = { calls: 0 };
    pm.register({ example_stage: hookimpl(() => (controller.abort(new Error("stop")), [])) }, "first");
    pm.register(contributes([stage("b", 1)], later), "second");
    const error = await rejectionOf(collectStages(pm, "example_stage", { signal: controller.signal }));
    expect(error).toEqual(new Error("stop"));
    expect(later.calls).toBe(0);
  });
});
