// The library side of the model-based property tests: builds real plugins from the `PluginDef`s of
// model.ts, runs operations against a real PluginManager, and reads its observable state in the
// model's vocabulary.
import {
  HookimplMarker,
  HookspecMarker,
  isHooksmithError,
  PluginManager,
  TeardownRaisedWarning,
  type HookCaller,
  type HookImpl,
  type HookimplOptions,
  type HookimplOpts,
  type Result,
} from "../../src/index.ts";
import {
  callbackFailure,
  formatOutcome,
  hotCallCount,
  implLabel,
  pluginLabel,
  type CallbackDef,
  type ImplDef,
  type ObservableState,
  type Op,
  type Outcome,
  type PluginDef,
} from "./model.ts";

export const hookspec = HookspecMarker("reliability");
export const hookimpl = HookimplMarker("reliability");

/** The error a test plugin throws; the property identifies it by its message. */
export class PluginBoom extends Error {
  override name = "PluginBoom";
}

/** A manager whose `parseHookimplOpts` override throws for members named `*_boom`. */
export class TestManager extends PluginManager {
  override parseHookimplOpts(plugin: object, name: string): HookimplOptions | HookimplOpts | undefined {
    if (name.endsWith("_boom")) throw new PluginBoom(`parse ${name}`);
    return super.parseHookimplOpts(plugin, name);
  }
}

/** The specs of the modelled world: `f` (firstresult), `h`, `hist` (historic), each taking `x`. */
export const specs = {
  f: hookspec({ firstresult: true, argnames: ["x"] })(() => undefined),
  h: hookspec({ argnames: ["x"] })(() => undefined),
  hist: hookspec({ historic: true, argnames: ["x"] })(() => undefined),
};

const args = Object.freeze({ x: 1 });

/** Describes an error the way the model does: `boom:<message>` for plugin errors, `Class:CODE` for hooksmith's. */
export function describeError(error: unknown): string {
  if (error instanceof PluginBoom) return `boom:${error.message}`;
  if (isHooksmithError(error)) return `${error.name}:${error.code}`;
  return `unexpected:${String(error)}`;
}

/** One run's manager, plugins and log. */
export class World {
  readonly log: string[] = [];
  readonly pm: TestManager;
  readonly plugins: readonly object[];
  // "async" while an async operation runs: implementations marked async then return promises.
  mode: "sync" | "async" = "sync";
  readonly #labels = new WeakMap<Function, string>();

  constructor(defs: readonly PluginDef[]) {
    this.pm = new TestManager("reliability", {
      warn: (warning) => {
        if (warning instanceof TeardownRaisedWarning)
          this.log.push(`warn TeardownRaisedWarning ${warning.pluginName} ${warning.hookName}`);
        else this.log.push(`warn ${warning.name}: ${warning.message}`);
      },
    });
    this.pm.addHookspecs(specs);
    this.plugins = defs.map((def, index) => this.#buildPlugin(def, index));
  }

  /** Runs one operation and returns what it returned or threw (several outcomes for a `hotCall`). */
  async apply(op: Op): Promise<Outcome[]> {
    const pm = this.pm;
    switch (op.type) {
      case "register":
        return [
          await this.#capture(op.async ? "async" : "sync", () =>
            op.async ? pm.registerAsync(this.plugins[op.plugin]!, op.name) : pm.register(this.plugins[op.plugin]!, op.name),
          ),
        ];
      case "unregister":
        return [
          await this.#capture("sync", () => {
            const plugin = this.plugins[op.plugin]!;
            const removed =
              op.by === "plugin"
                ? pm.unregister(plugin)
                : op.by === "name"
                  ? pm.unregister(undefined, op.name)
                  : pm.unregister(plugin, op.name);
            return this.#label(removed);
          }),
        ];
      case "setBlocked":
        return [await this.#capture("sync", () => pm.setBlocked(op.name))];
      case "unblock":
        return [await this.#capture("sync", () => pm.unblock(op.name))];
      case "call":
        return [
          await this.#capture(op.mode, () => {
            const caller = this.caller(op.hook);
            if (caller === undefined) return "no-hook";
            return op.mode === "sync" ? caller(args) : caller.callAsync(args);
          }),
        ];
      case "hotCall": {
        const outcomes: Outcome[] = [];
        for (let i = 0; i < hotCallCount; i++) {
          outcomes.push(
            await this.#capture("sync", () => {
              const caller = this.caller(op.hook);
              return caller === undefined ? "no-hook" : caller(args);
            }),
          );
        }
        return outcomes;
      }
      case "badCall":
        return [
          await this.#capture(op.mode, () => {
            const caller = this.caller(op.hook);
            if (caller === undefined) return "no-hook";
            const bad = 42 as unknown as Record<string, unknown>;
            return op.mode === "sync" ? caller(bad) : caller.callAsync(bad);
          }),
        ];
      case "callHistoric":
        return [
          await this.#capture(op.mode, () => {
            const caller = this.caller("hist")!;
            const resultCallback = this.#callback(op.callback);
            const options = resultCallback === undefined ? { kwargs: args } : { kwargs: args, resultCallback };
            return op.mode === "sync" ? caller.callHistoric(options) : caller.callHistoricAsync(options);
          }),
        ];
    }
  }

  /** The hook caller of `name`, if the manager has one. */
  caller(name: string): HookCaller | undefined {
    return (this.pm.hook as Readonly<Record<string, HookCaller | undefined>>)[name];
  }

  /** The manager's observable state, in the model's vocabulary. */
  state(): ObservableState {
    const pm = this.pm;
    const hooks = Object.keys(pm.hook);
    return {
      names: pm
        .listNamePlugin()
        .map(([name, plugin]): readonly [string, string | null] => [name, plugin === undefined ? null : this.#label(plugin)!]),
      plugins: [...pm.getPlugins()].map((plugin) => this.#label(plugin)!).sort(),
      hookcallers: this.plugins.map((plugin) => pm.getHookcallers(plugin)?.map((caller) => caller.name) ?? null),
      hooks,
      impls: Object.fromEntries(
        hooks.map((name) => [
          name,
          this.caller(name)!
            .getHookimpls()
            .map((impl) => this.#implLabel(impl)),
        ]),
      ),
    };
  }

  /**
   * Model-free invariants of a consistent manager: every implementation belongs to a plugin that
   * is registered under the implementation's plugin name, and wrappers come after non-wrappers.
   *
   * @returns The violations, empty when there are none.
   */
  invariantViolations(): string[] {
    const violations: string[] = [];
    for (const name of Object.keys(this.pm.hook)) {
      let seenWrapper = false;
      for (const impl of this.caller(name)!.getHookimpls()) {
        const registeredAs = impl.plugin === undefined ? undefined : this.pm.getName(impl.plugin);
        if (registeredAs !== impl.pluginName) {
          violations.push(`hook ${name} holds ${this.#implLabel(impl)} but its plugin is registered as ${String(registeredAs)}`);
        }
        const isWrapper = impl.wrapper || impl.hookwrapper;
        if (seenWrapper && !isWrapper) violations.push(`hook ${name} stores a non-wrapper after a wrapper`);
        seenWrapper ||= isWrapper;
      }
    }
    return violations;
  }

  async #capture(mode: "sync" | "async", run: () => unknown): Promise<Outcome> {
    this.mode = mode;
    try {
      const value: unknown = run();
      return { ok: true, value: mode === "async" ? await value : value };
    } catch (error) {
      return { ok: false, error: describeError(error) };
    } finally {
      this.mode = "sync";
    }
  }

  #label(plugin: object | undefined): string | undefined {
    if (plugin === undefined) return undefined;
    const index = this.plugins.indexOf(plugin);
    return index === -1 ? "foreign plugin" : pluginLabel(index);
  }

  #implLabel(impl: HookImpl): string {
    return `${this.#labels.get(impl.function) ?? "unknown function"}@${impl.pluginName}`;
  }

  #callback(def: CallbackDef): ((result: unknown) => void) | undefined {
    if (def === "none") return undefined;
    return (result) => {
      this.log.push(`cb ${String(result)}`);
      if (typeof def === "object" && String(result).startsWith(`${pluginLabel(def.throwFor)}.`))
        throw new PluginBoom(callbackFailure(result));
    };
  }

  #buildPlugin(def: PluginDef, index: number): object {
    const plugin: Record<string, unknown> = { name: pluginLabel(index) };
    for (const [member, impl] of def.impls.entries()) {
      const key = `m${String(member).padStart(2, "0")}`;
      if (impl.flaw === "parse-throws") {
        plugin[`${key}_boom`] = function unmarked() {};
        continue;
      }
      const fn = this.#implFunction(impl, index, member, plugin);
      this.#labels.set(fn, implLabel(index, member));
      plugin[key] = hookimpl({
        specname: impl.hook,
        tryfirst: impl.order === "tryfirst",
        trylast: impl.order === "trylast",
        wrapper: impl.kind === "new",
        hookwrapper: impl.kind === "old",
        argnames: impl.flaw === "unknown-arg" ? ["nope"] : [],
      })(fn);
    }
    return plugin;
  }

  #implFunction(def: ImplDef, pluginIndex: number, member: number, plugin: object): Function {
    const label = implLabel(pluginIndex, member);
    const log = this.log;
    if (def.kind === "plain" || def.flaw === "not-generator") {
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      const world = this;
      return function plain(this: unknown): unknown {
        log.push(`call ${label}`);
        if (this !== plugin) log.push(`${label} called with the wrong this`);
        world.#act(def, label);
        const promised = world.mode === "async" && def.async;
        if (def.ret === "throw") {
          const error = new PluginBoom(label);
          if (promised) return Promise.reject(error);
          throw error;
        }
        const value = def.ret === "value" ? label : undefined;
        return promised ? Promise.resolve(value) : value;
      };
    }
    const after = (failed: boolean) => log.push(`exit ${label} ${failed ? "err" : "ok"}`);
    if (def.kind === "new") {
      const newWrapper = function* newWrapper(): Generator<undefined, unknown, unknown> {
        log.push(`enter ${label}`);
        if (def.setup === "throw") throw new PluginBoom(`${label}:setup`);
        if (def.setup === "noyield") return undefined;
        let value: unknown;
        let error: unknown;
        let failed = false;
        try {
          value = yield;
        } catch (caught) {
          failed = true;
          error = caught;
        }
        after(failed);
        if (def.teardown === "throw") throw new PluginBoom(`${label}:teardown`);
        if (def.teardown === "replace") return `W:${label}`;
        if (failed) throw error;
        return value;
      };
      if (!def.asyncGen) return newWrapper;
      // The same wrapper as an async generator: yield* drives the sync one, throws included.
      return async function* newAsyncWrapper(): AsyncGenerator<undefined, unknown, unknown> {
        return yield* newWrapper();
      };
    }
    const oldWrapper = function* oldWrapper(): Generator<undefined, void, unknown> {
      log.push(`enter ${label}`);
      if (def.setup === "throw") throw new PluginBoom(`${label}:setup`);
      if (def.setup === "noyield") return;
      const outcome = (yield) as Result<unknown>;
      after(outcome.failed);
      if (def.teardown === "throw") throw new PluginBoom(`${label}:teardown`);
      if (def.teardown === "replace") outcome.forceResult(`W:${label}`);
    };
    if (!def.asyncGen) return oldWrapper;
    return async function* oldAsyncWrapper(): AsyncGenerator<undefined, void, unknown> {
      yield* oldWrapper();
    };
  }

  // A re-entrant action: registers or unregisters a plugin in the middle of a call or replay. The
  // nested operation is synchronous, so implementations it replays to must answer synchronously.
  #act(def: ImplDef, label: string): void {
    const action = def.action;
    if (action.type === "none") return;
    const saved = this.mode;
    this.mode = "sync";
    try {
      const target = this.plugins[action.target]!;
      let outcome: Outcome;
      try {
        outcome =
          action.type === "register"
            ? { ok: true, value: this.pm.register(target, action.name) }
            : { ok: true, value: this.#label(this.pm.unregister(target)) };
      } catch (error) {
        outcome = { ok: false, error: describeError(error) };
      }
      const what =
        action.type === "register"
          ? `register ${pluginLabel(action.target)} as ${String(action.name)}`
          : `unregister ${pluginLabel(action.target)}`;
      this.log.push(`action ${label} ${what} -> ${formatOutcome(outcome)}`);
    } finally {
      this.mode = saved;
    }
  }
}
