// Counterparts of pluggy's testing/test_warnings.py, through hooksmith's public API. Warnings are
// Error objects handed to the manager's `warn` option (process.emitWarning by default).

import { afterEach, describe, expect, it, vi } from "vitest";
import { HooksmithWarning, PluginManager, TeardownRaisedWarning } from "../../src/index.ts";
import { callHook, callModes, createManager, hookimpl, hookOf, hookspec } from "../support/harness.ts";

// pluggy: test_hookspec_missing_self_warns — not applicable: the DeprecationWarning is for Python spec methods whose first parameter is not `self`; JS methods have no explicit receiver parameter.

class ZeroDivisionError extends Error {
  override name = "ZeroDivisionError";
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(callModes)("warnings of hook calls (%s)", (mode) => {
  it("warns once, naming the plugin, the hook and the error, when an old-style wrapper throws after its yield", async () => {
    // pluggy: test_teardown_raised_warning
    // pluggy also checks that the warning points at the caller's file; hooksmith's warnings are
    // Error objects handed to the `warn` sink, with no source location to attribute.
    class Api {
      @hookspec
      my_hook(): void {
        throw new Error("not implemented");
      }
    }
    const { pm, warnings } = createManager();
    pm.addHookspecs(Api);

    class Plugin1 {
      @hookimpl
      my_hook(): void {}
    }
    const raised = new ZeroDivisionError("division by zero");
    class Plugin2 {
      @hookimpl({ hookwrapper: true })
      *my_hook(): Generator<void, void, unknown> {
        yield;
        throw raised;
      }
    }
    class Plugin3 {
      @hookimpl({ hookwrapper: true })
      *my_hook(): Generator<void, void, unknown> {
        yield;
      }
    }
    pm.register(new Plugin1(), "plugin1");
    pm.register(new Plugin2(), "plugin2");
    pm.register(new Plugin3(), "plugin3");

    await expect(callHook(hookOf(pm, "my_hook"), undefined, mode)).rejects.toBe(raised);
    expect(warnings).toHaveLength(1);
    const [warning] = warnings;
    expect(warning).toBeInstanceOf(TeardownRaisedWarning);
    expect(warning).toBeInstanceOf(HooksmithWarning);
    expect(warning!.message).toMatch(/\bplugin2\b.*\bmy_hook\b.*\n.*ZeroDivisionError/);
    expect(warning).toMatchObject({ pluginName: "plugin2", hookName: "my_hook" });
    expect(warning!.message).toMatchInlineSnapshot(`
      "A plugin raised an exception during an old-style hookwrapper teardown.
      Plugin: plugin2, Hook: my_hook
      ZeroDivisionError: division by zero
      Old-style wrappers must not raise after their yield: set outcome.forceException(error) instead, or use a new-style wrapper (wrapper: true)."
    `);
  });
});

describe("warnings of hook specifications", () => {
  it("adds a class of spec methods without any warning", () => {
    // pluggy: test_hookspec_with_self_no_warning
    class Api {
      @hookspec
      my_hook({ item, extra }: { item: unknown; extra: unknown }): void {
        void [item, extra];
      }
    }
    const { pm, warnings } = createManager();
    pm.addHookspecs(Api);
    expect(warnings).toEqual([]);
    expect(hookOf(pm, "my_hook").spec!.argnames).toEqual(["item", "extra"]);
  });

  it("adds static spec methods of a class without any warning", () => {
    // pluggy: test_hookspec_staticmethod_no_warning
    class Api {
      @hookspec
      static my_hook({ item, extra }: { item: unknown; extra: unknown }): void {
        void [item, extra];
      }
    }
    const { pm, warnings } = createManager();
    pm.addHookspecs(Api);
    expect(warnings).toEqual([]);
    expect(hookOf(pm, "my_hook").hasSpec()).toBe(true);
    expect(hookOf(pm, "my_hook").spec!.argnames).toEqual(["item", "extra"]);
  });
});

describe("where warnings go", () => {
  it("hands warnings to process.emitWarning when the manager has no warn option", () => {
    const emitWarning = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const warning = new Error("foo is deprecated");
    const pm = new PluginManager("example");
    pm.addHookspecs({ foo: hookspec({ warnOnImpl: warning })(() => undefined) });
    pm.register({ foo: hookimpl(() => undefined) }, "p");
    expect(emitWarning).toHaveBeenCalledTimes(1);
    expect(emitWarning.mock.calls[0]![0]).toBe(warning);
  });
});
