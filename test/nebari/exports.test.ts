// The public surface of hooksmith/nebari, pinned.
import { describe, expect, it } from "vitest";
import * as nebari from "hooksmith/nebari";
import * as root from "hooksmith";

describe("hooksmith/nebari", () => {
  it("exports the preset and nothing else", () => {
    expect(Object.keys(nebari).sort()).toMatchInlineSnapshot(`
      [
        "NEBARI_PROJECT",
        "NebariHookspecs",
        "NebariPluginManager",
        "NebariStage",
        "NebariStageSnapshot",
        "PluginHookError",
        "StartupArgumentError",
        "SubcommandConflictError",
        "SubcommandError",
        "SubcommandRegistry",
        "collectSubcommands",
        "createNebariPluginManager",
        "hookimpl",
        "hookspec",
        "nestContexts",
        "scanStartupArgs",
      ]
    `);
  });

  it("shares its classes with the root entry point", () => {
    expect(nebari.NebariStage).toBe(root.NebariStage);
    expect(nebari.nestContexts).toBe(root.nestContexts);
    expect(nebari.PluginHookError).toBe(root.PluginHookError);
    expect(nebari.SubcommandConflictError).toBe(root.SubcommandConflictError);
    expect(new nebari.NebariPluginManager()).toBeInstanceOf(root.PluginManager);
  });

  it("marks for project nebari", () => {
    expect(nebari.hookimpl.projectName).toBe("nebari");
    expect(nebari.hookspec.projectName).toBe("nebari");
    expect(nebari.NEBARI_PROJECT).toBe("nebari");
  });
});
