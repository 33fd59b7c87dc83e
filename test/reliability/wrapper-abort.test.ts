// Resource safety of hook wrappers under `callAsync` and `callParallel` with an AbortSignal: the
// signal aborts before the call, in a wrapper's setup (sync or async generator, new or old
// style), or while an implementation runs (synchronously or after an await). Whatever happens,
// every wrapper that started has its `finally` run exactly once and nothing starts after the
// abort; and, as docs/async.md promises, the call rejects with the signal's reason, which every
// entered wrapper sees. A wrapper whose own async setup aborts the signal is abandoned at once
// (the call does not wait for plugin code after an abort) and gets the reason when it reaches
// its `yield`, after the call settled: its teardown error then cannot reach the outer wrappers.
//
// Fixed seed and bounded runs; HOOKSMITH_PROPERTY_RUNS=5000 runs longer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager, type HookCaller, type Result } from "../../src/index.ts";

const hookimpl = HookimplMarker("abort");
const hookspec = HookspecMarker("abort");
const runs = Number(process.env["HOOKSMITH_PROPERTY_RUNS"] ?? 100);
const timeout = Math.max(30_000, runs * 20);

/** Lets other promise jobs run, as real asynchronous code does. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface WrapperSpec {
  readonly style: "new" | "old";
  /** An async generator that awaits before and after its abort point. */
  readonly async: boolean;
  /** Its teardown throws a new error. */
  readonly teardownThrows: boolean;
}

interface ImplSpec {
  /** Returns a promise, and aborts (when it is the abort point) after an await. */
  readonly async: boolean;
}

interface Scenario {
  readonly wrappers: readonly WrapperSpec[];
  readonly impls: readonly ImplSpec[];
  /** "before": the signal is aborted before the call; a number: the index, in call order over wrappers then implementations, of the one that aborts it while it runs. */
  readonly abortAt: "before" | number | undefined;
  readonly mode: "callAsync" | "callParallel";
}

interface WrapperLog {
  started: number;
  /** Resumed with a result (no error). */
  resumed: number;
  /** What was thrown in (new style) or what its outcome held (old style). */
  saw: unknown[];
  finally: number;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  wrappers: fc.array(
    fc.record<WrapperSpec>({
      style: fc.constantFrom("new", "old"),
      async: fc.boolean(),
      teardownThrows: fc.constantFrom(false, false, false, true),
    }),
    { maxLength: 4 },
  ),
  impls: fc.array(fc.record<ImplSpec>({ async: fc.boolean() }), { maxLength: 4 }),
  abortAt: fc.oneof(fc.constant<"before">("before"), fc.nat({ max: 8 }), fc.constant(undefined)),
  mode: fc.constantFrom("callAsync" as const, "callParallel" as const),
});

interface Run {
  readonly wrappers: WrapperLog[];
  readonly implsStarted: number[];
  readonly outcome: { readonly ok: boolean; readonly value: unknown };
  readonly reason: Error;
}

/** Registers the scenario's plugins (so that call order is array order) and calls the hook once. */
async function run(s: Scenario): Promise<Run> {
  const pm = new PluginManager("abort", { warn: () => {} });
  pm.addHookspecs({ h: hookspec({ argnames: [] })(() => undefined) });
  const controller = new AbortController();
  const reason = new Error("aborted");
  const abortHere = (index: number) => {
    if (s.abortAt === index) controller.abort(reason);
  };
  const wrappers = s.wrappers.map((): WrapperLog => ({ started: 0, resumed: 0, saw: [], finally: 0 }));
  const implsStarted = s.impls.map(() => 0);
  // Registered last-first: call order is the reverse of registration order.
  for (const [index, spec] of [...s.impls.entries()].reverse()) {
    const fn = spec.async
      ? async () => {
          implsStarted[index]! += 1;
          await tick();
          abortHere(s.wrappers.length + index);
          await tick();
          return `i${index}`;
        }
      : () => {
          implsStarted[index]! += 1;
          abortHere(s.wrappers.length + index);
          return `i${index}`;
        };
    pm.register({ h: hookimpl({ argnames: [] })(fn) }, `impl${index}`);
  }
  for (const [index, spec] of [...s.wrappers.entries()].reverse()) {
    const log = wrappers[index]!;
    const teardown = () => {
      if (spec.teardownThrows) throw new Error(`teardown w${index}`);
    };
    const opts = { argnames: [], wrapper: spec.style === "new", hookwrapper: spec.style === "old" };
    let fn: Function;
    if (spec.style === "new" && spec.async) {
      fn = async function* newAsync(): AsyncGenerator<undefined, unknown, unknown> {
        log.started += 1;
        try {
          await tick();
          abortHere(index);
          await tick();
          try {
            const result = yield;
            log.resumed += 1;
            return result;
          } catch (error) {
            log.saw.push(error);
            throw error;
          } finally {
            teardown();
          }
        } finally {
          log.finally += 1;
        }
      };
    } else if (spec.style === "new") {
      fn = function* newSync(): Generator<undefined, unknown, unknown> {
        log.started += 1;
        try {
          abortHere(index);
          try {
            const result = yield;
            log.resumed += 1;
            return result;
          } catch (error) {
            log.saw.push(error);
            throw error;
          } finally {
            teardown();
          }
        } finally {
          log.finally += 1;
        }
      };
    } else {
      const body = (outcome: Result<unknown>) => {
        if (outcome.failed) log.saw.push(outcome.exception);
        else log.resumed += 1;
        teardown();
      };
      fn = spec.async
        ? async function* oldAsync(): AsyncGenerator<undefined, void, unknown> {
            log.started += 1;
            try {
              await tick();
              abortHere(index);
              await tick();
              body((yield) as Result<unknown>);
            } finally {
              log.finally += 1;
            }
          }
        : function* oldSync(): Generator<undefined, void, unknown> {
            log.started += 1;
            try {
              abortHere(index);
              body((yield) as Result<unknown>);
            } finally {
              log.finally += 1;
            }
          };
    }
    pm.register({ h: hookimpl(opts)(fn) }, `wrapper${index}`);
  }
  if (s.abortAt === "before") controller.abort(reason);
  const call = (pm.hook["h"] as HookCaller)[s.mode]({}, { signal: controller.signal });
  const outcome = await call.then(
    (value: unknown) => ({ ok: true, value }),
    (value: unknown) => ({ ok: false, value }),
  );
  // Let implementations a parallel call left running finish.
  for (let i = 0; i < 4; i++) await tick();
  return { wrappers, implsStarted, outcome, reason };
}

/** Where the abort stops the call: the index (call order over wrappers, then implementations) of the last thing that starts. */
function lastStarted(s: Scenario): number {
  const total = s.wrappers.length + s.impls.length;
  if (s.abortAt === "before") return -1;
  if (s.abortAt === undefined || s.abortAt >= total) return total - 1;
  if (s.mode === "callParallel" && s.abortAt >= s.wrappers.length) {
    // Implementations start together: only a synchronous abort keeps the later ones from starting.
    return s.impls[s.abortAt - s.wrappers.length]!.async ? total - 1 : s.abortAt;
  }
  return s.abortAt;
}

describe("callAsync and callParallel with hook wrappers and an AbortSignal", () => {
  it("runs each entered wrapper's finally exactly once and starts nothing after the abort", { timeout }, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { wrappers, implsStarted } = await run(s);
        const last = lastStarted(s);
        for (const [index, log] of wrappers.entries()) {
          const started = index <= last ? 1 : 0;
          expect({
            wrapper: index,
            started: log.started,
            finally: log.finally,
            resumedOrSaw: log.resumed + log.saw.length,
          }).toEqual({
            wrapper: index,
            started,
            finally: started,
            resumedOrSaw: started,
          });
        }
        expect(implsStarted).toEqual(s.impls.map((_, index) => (s.wrappers.length + index <= last ? 1 : 0)));
      }),
      { seed: 20261129, numRuns: runs },
    );
  });

  it(
    "makes the call reject with the signal's reason, which every entered wrapper sees, whenever it aborts before the call settles",
    { timeout },
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          const total = s.wrappers.length + s.impls.length;
          const aborted = s.abortAt === "before" || (s.abortAt !== undefined && s.abortAt < total);
          const { wrappers, outcome, reason } = await run(s);
          const last = lastStarted(s);
          const abandoned =
            typeof s.abortAt === "number" && s.abortAt < s.wrappers.length && s.wrappers[s.abortAt]!.async ? s.abortAt : -1;
          // Innermost first, each entered wrapper sees the error in flight: the reason, or the error of
          // a teardown that threw inside it (not of an abandoned wrapper, torn down after the call).
          let inFlight: unknown = aborted ? reason : undefined;
          for (let index = Math.min(last, s.wrappers.length - 1); index >= 0; index--) {
            expect({ wrapper: index, saw: wrappers[index]!.saw }).toEqual({
              wrapper: index,
              saw: inFlight === undefined ? [] : [inFlight],
            });
            if (s.wrappers[index]!.teardownThrows && index !== abandoned) inFlight = new Error(`teardown w${index}`);
          }
          if (inFlight === undefined) {
            expect(outcome).toEqual({ ok: true, value: s.impls.map((_, index) => `i${index}`) });
          } else {
            expect(outcome).toEqual({ ok: false, value: inFlight });
            if (inFlight === reason) expect(outcome.value).toBe(reason);
          }
        }),
        { seed: 20261130, numRuns: runs },
      );
    },
  );
});
