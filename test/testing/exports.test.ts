// The public surface of hooksmith/testing, pinned.
import { describe, expect, it } from "vitest";
import * as root from "hooksmith";
import * as nebari from "hooksmith/nebari";
import * as testing from "hooksmith/testing";

describe("hooksmith/testing", () => {
  it("exports the helpers and nothing else", () => {
    expect(Object.keys(testing).sort()).toMatchInlineSnapshot(`
      [
        "HookCallRecorder",
        "StageHarness",
        "TestHarnessError",
        "TestNebariPluginManager",
        "TestPluginManager",
        "createNebariCliHost",
        "createStageHarness",
        "createTestNebariPluginManager",
        "createTestPluginManager",
        "recordHookCalls",
        "runCli",
        "validatePlugin",
      ]
    `);
  });

  it("builds on the classes of the other entry points", () => {
    expect(testing.createTestPluginManager("example")).toBeInstanceOf(root.PluginManager);
    expect(testing.createTestNebariPluginManager()).toBeInstanceOf(nebari.NebariPluginManager);
    expect(new testing.TestHarnessError("misused", "HOOKSMITH_INVALID_HARNESS_INPUT")).toBeInstanceOf(root.HooksmithError);
    expect(root.isHooksmithError(new testing.TestHarnessError("misused", "HOOKSMITH_TEARDOWN_DONE"))).toBe(true);
  });
});
