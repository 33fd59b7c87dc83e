// Found by the runtime matrix (npm run test:runtimes): from compatibility date 2026-08-04 on,
// workerd defines a Node-like `process` global with no compatibility flag, and the default `warn`
// sent warnings to its `process.emitWarning`, which only emits the "warning" event there: nothing
// prints it, so every warning of a manager vanished in Cloudflare Workers. Workers identify
// themselves with `navigator.userAgent === "Cloudflare-Workers"`; there the default is console.warn.
import { afterEach, describe, expect, it, vi } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager } from "hooksmith";

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");

describe("the default warn in Cloudflare Workers", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("writes warnings with console.warn although the runtime has process.emitWarning", () => {
    const pm = new PluginManager("example");
    pm.addHookspecs({ greet: hookspec(({ name, greeting }: { name: string; greeting: string }) => `${greeting} ${name}`) });
    pm.register({ greet: hookimpl(({ name }: { name: string }) => `hi ${name}`) });
    const emitted = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const warned = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.stubGlobal("navigator", { userAgent: "Cloudflare-Workers" });

    expect(pm.hook["greet"]!({ name: "Ada" })).toEqual(["hi Ada"]);

    expect(emitted).not.toHaveBeenCalled();
    expect(warned.mock.calls).toEqual([
      ["HookArgumentsWarning: Hook 'greet' was called without argument(s) [\"greeting\"], which its hookspec declares"],
    ]);
  });
});
