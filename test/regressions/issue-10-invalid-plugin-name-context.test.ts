// Issue 10 (reliability), found by test/reliability/bad-inputs.test.ts: registering a value that
// is not a plugin under a name ("Cannot register undefined as a plugin: …") does not say which
// plugin it was, although the name is known: a host doing `pm.register(module.default, name)` for
// many plugins cannot tell which one is broken. `pluginName` is not set either.
import { describe, expect, it } from "vitest";
import { PluginManager, PluginRegistrationError } from "hooksmith";

describe("Registering a value that is not a plugin under a name", () => {
  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a number", 42],
  ])("names the plugin name in the error (%s)", (_, value) => {
    const pm = new PluginManager("example");
    let caught: unknown;
    try {
      pm.register(value as unknown as object, "my-plugin");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PluginRegistrationError);
    const error = caught as PluginRegistrationError;
    expect(error.code).toBe("HOOKSMITH_INVALID_PLUGIN");
    expect(error.pluginName).toBe("my-plugin");
    expect(error.message).toContain("'my-plugin'");
  });
});
