// The hello-world stage plugin, tested in isolation with hooksmith/testing only: no install, no
// host, no global manager.
import { afterEach, describe, expect, it } from "vitest";
import { NebariHookspecs } from "hooksmith/nebari";
import { createStageHarness, createTestNebariPluginManager, recordHookCalls, validatePlugin } from "hooksmith/testing";
import * as plugin from "./index.ts";

afterEach(() => {
  delete process.env["HELLO"];
});

describe("nebari-stage-hello-world", () => {
  it("registers on a nebari host without any problem", () => {
    expect(validatePlugin(NebariHookspecs, plugin, { name: "nebari-stage-hello-world" })).toEqual([]);
  });

  it("contributes the hello_world stage at priority 100, once per run", async () => {
    const nebari = createTestNebariPluginManager({ plugins: { "nebari-stage-hello-world": plugin } });
    using recorder = recordHookCalls(nebari, { hooks: ["nebari_stage"] });
    const { plan } = await nebari.snapshotStages();
    expect(plan.order.map(({ name, priority, source }) => [name, priority, source])).toEqual([
      ["hello_world", 100, "nebari-stage-hello-world"],
    ]);
    expect(recorder.callsOf("nebari_stage").map((call) => call.ran.map(({ pluginName }) => pluginName))).toEqual([
      ["nebari-stage-hello-world"],
    ]);
    expect(nebari.warnings).toEqual([]);
  });

  it("renders hello_world.txt", async () => {
    await using harness = await createStageHarness(plugin.HelloWorldStage);
    const { files, report } = await harness.render();
    expect(files).toEqual({ "hello_world.txt": "File that says hello world" });
    expect(report.new).toEqual(["hello_world.txt"]);
  });

  it("sets HELLO and publishes its outputs while its deploy is open, and unsets HELLO on teardown", async () => {
    await using harness = await createStageHarness(plugin.HelloWorldStage);
    const deployed = await harness.deploy();
    expect(deployed.stageOutputs).toEqual({ hello_world: { hello: "world" } });
    expect(deployed.pending).toEqual(["hello_world"]);
    expect(process.env["HELLO"]).toBe("WORLD");
    expect(await harness.check()).toBe(true);

    await deployed.teardown();
    expect(process.env["HELLO"]).toBeUndefined();
    await expect(harness.check()).rejects.toThrow('Stage "hello_world" failed its check: stage did not deploy: HELLO is not set');
  });

  it("keeps the outputs of earlier stages it is given", async () => {
    await using harness = await createStageHarness(plugin.HelloWorldStage);
    const deployed = await harness.deploy({ stageOutputs: { bootstrap: { ready: true } } });
    expect(deployed.stageOutputs).toEqual({ bootstrap: { ready: true }, hello_world: { hello: "world" } });
  });

  it("unsets HELLO when a later stage fails", async () => {
    await using harness = await createStageHarness(plugin.HelloWorldStage);
    const deployed = await harness.deploy();
    await deployed.fail(new Error("a later stage failed"));
    expect(process.env["HELLO"]).toBeUndefined();
  });

  it("unsets HELLO when the harness is disposed before the teardown", async () => {
    {
      await using harness = await createStageHarness(plugin.HelloWorldStage);
      await harness.deploy();
      expect(process.env["HELLO"]).toBe("WORLD");
    }
    expect(process.env["HELLO"]).toBeUndefined();
  });

  it("destroys", async () => {
    await using harness = await createStageHarness(plugin.HelloWorldStage);
    expect(await harness.destroy()).toEqual({ status: { hello_world: true }, skipped: [] });
  });
});
