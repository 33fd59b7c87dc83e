// Shared by the observability tests: a manager with a few hooks, and a clock the tests move.
//
// The clock is `performance.now()` under vitest's fake timers: implementations "take" time by
// moving it, so that totals, self times and percentiles are exact numbers.
import { vi } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager, type HookCaller } from "hooksmith";

export const hookspec = HookspecMarker("example");
export const hookimpl = HookimplMarker("example");

/** Makes `performance.now()` move only when {@link tick} moves it. */
export function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ["performance"] });
}

/** Moves the fake clock. */
export function tick(ms: number): void {
  vi.advanceTimersByTime(ms);
}

export function useRealClock(): void {
  vi.useRealTimers();
}

/** A manager with hooks `build`, `leaf`, `pick` (firstresult) and `configure` (historic). */
export function manager(): { pm: PluginManager; hook: Readonly<Record<string, HookCaller>> } {
  const pm = new PluginManager("example", { warn: () => undefined });
  pm.addHookspecs({
    build: hookspec(({ target }: { target: string }) => target),
    leaf: hookspec(({ n }: { n: number }) => n),
    pick: hookspec({ firstresult: true })(({ n }: { n: number }) => n),
    configure: hookspec({ historic: true })(({ level }: { level: number }) => level),
  });
  return { pm, hook: pm.hook as Readonly<Record<string, HookCaller>> };
}
