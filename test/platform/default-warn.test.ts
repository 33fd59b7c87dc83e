// Where a manager's warnings go when no `warn` option is given: process.emitWarning under Node,
// console.warn in a runtime without `process` (a browser, workerd).
import { afterEach, describe, expect, it, vi } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager } from "hooksmith";

const hookspec = HookspecMarker("example");
const hookimpl = HookimplMarker("example");

function managerWarningOnCall(): PluginManager {
  const pm = new PluginManager("example");
  pm.addHookspecs({ greet: hookspec(({ name, greeting }: { name: string; greeting: string }) => `${greeting} ${name}`) });
  pm.register({ greet: hookimpl(({ name }: { name: string }) => `hi ${name}`) });
  return pm;
}

describe("the default warn", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("uses process.emitWarning where the runtime has it", () => {
    const emitted = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    managerWarningOnCall().hook["greet"]!({ name: "Ada" });
    expect(emitted).toHaveBeenCalledTimes(1);
    expect(String(emitted.mock.calls[0]![0])).toContain("greeting");
  });

  it("uses console.warn where there is no process global", () => {
    const pm = managerWarningOnCall();
    const warned = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.stubGlobal("process", undefined);
    try {
      pm.hook["greet"]!({ name: "Ada" });
    } finally {
      vi.unstubAllGlobals();
    }
    expect(warned).toHaveBeenCalledTimes(1);
    expect(warned.mock.calls[0]![0]).toMatch(/^HookArgumentsWarning: .*greeting/);
  });
});
