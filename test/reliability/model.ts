// A small reference model of a plugin manager, written from pluggy's rules
// (/work/shared/reference/pluggy-semantics.md §3.1, §3.2, §3.7, §3.10) and from hooksmith's one
// documented difference (atomic registration). It never imports the library: the property tests
// run the same operations against both and compare what they observe.
//
// The world it models is fixed: five hooks (`f` firstresult, `h` plain, `hist` historic, all three
// with a spec and the argument `x`; `u1` and `u2` without a spec, created by the first plugin that
// implements them), and a pool of plugins described by `PluginDef`s. Every hook is called with
// `{ x: 1 }`. What implementations do is described by data (`ImplDef`), so the model can predict
// each call: the log lines they write, their results, their errors.

/** The hooks of the modelled world. */
export type HookName = "f" | "h" | "hist" | "u1" | "u2";
/** The hooks that have a spec from the start, in the order the manager creates them (sorted). */
export const specHooks: readonly HookName[] = ["f", "h", "hist"];

/** What an implementation is: a plain function, a new-style wrapper or an old-style wrapper. */
export type ImplKind = "plain" | "new" | "old";
/** Its ordering mark. */
export type ImplOrder = "plain" | "tryfirst" | "trylast";
/** What a plain implementation returns: its label, `undefined`, or it throws. */
export type ImplReturn = "value" | "undefined" | "throw";
/** What a wrapper does before its `yield`: nothing, throw, or return without yielding. */
export type WrapperSetup = "ok" | "throw" | "noyield";
/** What a wrapper does after its `yield`: pass the outcome on, throw, or replace the result. */
export type WrapperTeardown = "pass" | "throw" | "replace";
/**
 * A defect of the implementation: it requires an argument `nope` (not in any spec), it is marked
 * as a wrapper but is no generator, or the member makes the manager's `parseHookimplOpts` override
 * throw.
 */
export type ImplFlaw = "none" | "unknown-arg" | "not-generator" | "parse-throws";
/** What a plain implementation does to the manager when called, before returning. */
export type ImplAction =
  | { readonly type: "none" }
  | { readonly type: "register"; readonly target: number; readonly name: string | undefined }
  | { readonly type: "unregister"; readonly target: number };

/** One member of a plugin: an implementation described by data. */
export interface ImplDef {
  readonly hook: HookName;
  readonly kind: ImplKind;
  readonly order: ImplOrder;
  readonly ret: ImplReturn;
  /** Returns a promise (of its value or its error) when called by an async call. */
  readonly async: boolean;
  readonly setup: WrapperSetup;
  readonly teardown: WrapperTeardown;
  /** A wrapper written as an async generator (a synchronous call refuses it). */
  readonly asyncGen: boolean;
  readonly flaw: ImplFlaw;
  readonly action: ImplAction;
}

/** A plugin: its members, in member-name order (`m00`, `m01`, …). Its canonical name is `P<index>`. */
export interface PluginDef {
  readonly impls: readonly ImplDef[];
}

/** How a historic call's result callback behaves: absent, logging, or throwing for one plugin's results. */
export type CallbackDef = "none" | "log" | { readonly throwFor: number };

/** The operations of a run. */
export type Op =
  | { readonly type: "register"; readonly plugin: number; readonly name: string | undefined; readonly async: boolean }
  | { readonly type: "unregister"; readonly by: "plugin" | "name" | "both"; readonly plugin: number; readonly name: string }
  | { readonly type: "setBlocked"; readonly name: string }
  | { readonly type: "unblock"; readonly name: string }
  | { readonly type: "call"; readonly hook: HookName; readonly mode: "sync" | "async" }
  | { readonly type: "callHistoric"; readonly mode: "sync" | "async"; readonly callback: CallbackDef }
  | { readonly type: "badCall"; readonly hook: HookName; readonly mode: "sync" | "async" }
  | { readonly type: "hotCall"; readonly hook: HookName };

/** What an operation returned (normalised: plugins as `P<index>`), or the error it threw as `Class:CODE` / `boom:<message>`. */
export type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/** Everything the property compares after each operation. */
export interface ObservableState {
  /** `listNamePlugin()`: `[name, "P<i>" | null]` in registry order. */
  readonly names: ReadonlyArray<readonly [string, string | null]>;
  /** `getPlugins()`, sorted labels. */
  readonly plugins: readonly string[];
  /** `getHookcallers(plugin)` hook names for each pool plugin, or `null` when not registered. */
  readonly hookcallers: ReadonlyArray<readonly string[] | null>;
  /** The hook names of `pm.hook`, in creation order. */
  readonly hooks: readonly string[];
  /** Each hook's `getHookimpls()`, as `P<i>.<member>@<pluginName>`, in storage order. */
  readonly impls: Readonly<Record<string, readonly string[]>>;
}

/** The label of plugin `index`: its canonical name, and how the model and the log name it. */
export function pluginLabel(index: number): string {
  return `P${index}`;
}

/** The label of member `member` of plugin `plugin`; also the value its implementation returns. */
export function implLabel(plugin: number, member: number): string {
  return `${pluginLabel(plugin)}.${member}`;
}

/** The message of the error a result callback throws for `result`. */
export function callbackFailure(result: unknown): string {
  return `callback:${String(result)}`;
}

interface ModelImpl {
  readonly plugin: number;
  readonly pluginName: string;
  readonly member: number;
  readonly def: ImplDef;
  readonly label: string;
  readonly isWrapper: boolean;
}

interface ModelHook {
  readonly name: HookName;
  readonly spec: boolean;
  readonly firstresult: boolean;
  readonly historic: boolean;
  impls: ModelImpl[];
}

// An error travelling through the model, described the way the property describes real ones.
class ModelError {
  readonly error: string;
  constructor(error: string) {
    this.error = error;
  }
}

const boom = (message: string): ModelError => new ModelError(`boom:${message}`);
const libraryError = (className: string, code: string): ModelError => new ModelError(`${className}:${code}`);

/** The reference model. Each method mirrors one operation and appends to `log` what the real one logs. */
export class ManagerModel {
  readonly log: string[] = [];
  readonly #defs: readonly PluginDef[];
  // name -> plugin index, or null when the name is blocked; a Map keeps pluggy's dict order.
  readonly #registry = new Map<string, number | null>();
  readonly #names = new Map<number, string>();
  // Hooks in creation order (a deleted and recreated hook moves to the end, as on the relay).
  readonly #hooks = new Map<HookName, ModelHook>();
  readonly #history: CallbackDef[] = [];

  constructor(defs: readonly PluginDef[]) {
    this.#defs = defs;
    for (const name of specHooks) {
      this.#hooks.set(name, { name, spec: true, firstresult: name === "f", historic: name === "hist", impls: [] });
    }
  }

  /** Applies one operation (synchronously: the modelled world has no concurrency). */
  apply(op: Op): Outcome[] {
    switch (op.type) {
      case "register":
        return [this.#capture(() => this.register(op.plugin, op.name))];
      case "unregister":
        return [this.#capture(() => this.#unregister(op.by, op.plugin, op.name))];
      case "setBlocked":
        return [
          this.#capture(() => {
            this.#unregister("name", -1, op.name);
            this.#registry.set(op.name, null);
            return undefined;
          }),
        ];
      case "unblock":
        return [
          this.#capture(() => {
            if (this.#registry.get(op.name) !== null) return false;
            this.#registry.delete(op.name);
            return true;
          }),
        ];
      case "call":
        return [this.#capture(() => this.#call(op.hook, op.mode))];
      case "hotCall": {
        const outcomes: Outcome[] = [];
        for (let i = 0; i < hotCallCount; i++) outcomes.push(this.#capture(() => this.#call(op.hook, "sync")));
        return outcomes;
      }
      case "badCall":
        return [
          this.#capture(() => {
            const hook = this.#hooks.get(op.hook);
            if (hook === undefined) return "no-hook";
            if (hook.historic) throw libraryError("HookCallError", "HOOKSMITH_HISTORIC_DIRECT_CALL");
            throw libraryError("HookCallError", "HOOKSMITH_INVALID_HOOK_ARGUMENTS");
          }),
        ];
      case "callHistoric":
        return [this.#capture(() => this.#callHistoric(op.callback))];
    }
  }

  /** The state the manager must show. */
  state(): ObservableState {
    const hooks = [...this.#hooks.values()];
    return {
      names: [...this.#registry].map(([name, plugin]): readonly [string, string | null] => [
        name,
        plugin === null ? null : pluginLabel(plugin),
      ]),
      plugins: [...this.#names.keys()].map(pluginLabel).sort(),
      hookcallers: this.#defs.map((_, plugin) =>
        this.#names.has(plugin)
          ? hooks.filter((hook) => hook.impls.some((impl) => impl.plugin === plugin)).map((hook) => hook.name)
          : null,
      ),
      hooks: hooks.map((hook) => hook.name),
      impls: Object.fromEntries(hooks.map((hook) => [hook.name, hook.impls.map((impl) => `${impl.label}@${impl.pluginName}`)])),
    };
  }

  // register(): the checks, then validation of every member before anything changes, then the
  // commit (historic replays happen before each implementation is inserted); a failure undoes the
  // commit (hooksmith's atomic registration).
  register(plugin: number, name: string | undefined): string | undefined | typeof unspecified {
    const pluginName = name || pluginLabel(plugin);
    if (this.#registry.has(pluginName)) {
      if (this.#registry.get(pluginName) === null) return undefined;
      throw libraryError("PluginRegistrationError", "HOOKSMITH_DUPLICATE_PLUGIN_NAME");
    }
    if (this.#names.has(plugin)) throw libraryError("PluginRegistrationError", "HOOKSMITH_DUPLICATE_PLUGIN");
    const entries: ModelImpl[] = [];
    for (const [member, def] of (this.#defs[plugin]?.impls ?? []).entries()) {
      if (def.flaw === "parse-throws") throw libraryError("PluginRegistrationError", "HOOKSMITH_INVALID_PLUGIN");
      const isWrapper = def.kind !== "plain";
      const hook = this.#hooks.get(def.hook);
      if (hook?.spec === true) {
        if (hook.historic && isWrapper) throw libraryError("PluginValidationError", "HOOKSMITH_HISTORIC_WRAPPER");
        if (def.flaw === "unknown-arg") throw libraryError("PluginValidationError", "HOOKSMITH_ARGUMENT_NOT_IN_SPEC");
      }
      if (isWrapper && def.flaw === "not-generator")
        throw libraryError("PluginValidationError", "HOOKSMITH_WRAPPER_NOT_GENERATOR");
      entries.push({ plugin, pluginName, member, def, label: implLabel(plugin, member), isWrapper });
    }

    this.#registry.set(pluginName, plugin);
    this.#names.set(plugin, pluginName);
    const added: Array<[ModelHook, ModelImpl]> = [];
    const created: ModelHook[] = [];
    try {
      for (const impl of entries) {
        let hook = this.#hooks.get(impl.def.hook);
        if (hook === undefined) {
          hook = { name: impl.def.hook, spec: false, firstresult: false, historic: false, impls: [] };
          this.#hooks.set(hook.name, hook);
          created.push(hook);
        }
        if (hook.historic) {
          for (const callback of this.#history) {
            const value = this.#runPlain(impl);
            if (value !== undefined && callback !== "none") this.#runCallback(callback, value);
          }
          // A replay unregistered the plugin being registered: the unregister wins, nothing more
          // of the plugin is attached (what register then returns or throws is not pinned).
          if (this.#registry.get(pluginName) !== plugin) {
            this.#dropCreated(created);
            return unspecified;
          }
        }
        insert(hook.impls, impl);
        added.push([hook, impl]);
      }
    } catch (error) {
      for (const [hook, impl] of added) hook.impls = hook.impls.filter((other) => other !== impl);
      this.#dropCreated(created);
      if (this.#registry.get(pluginName) === plugin) {
        this.#registry.delete(pluginName);
        this.#names.delete(plugin);
      }
      throw error;
    }
    return pluginName;
  }

  // A registration that leaves no trace removes the hooks it created, unless they are in use.
  #dropCreated(created: readonly ModelHook[]): void {
    for (const hook of created) {
      if (hook.impls.length === 0 && this.#hooks.get(hook.name) === hook) this.#hooks.delete(hook.name);
    }
  }

  // unregister() by plugin, by name, or with both (which must agree).
  #unregister(by: "plugin" | "name" | "both", plugin: number, name: string): string | undefined {
    let target: number;
    let targetName: string;
    if (by === "plugin") {
      const found = this.#names.get(plugin);
      if (found === undefined) throw libraryError("PluginRegistrationError", "HOOKSMITH_PLUGIN_NOT_REGISTERED");
      target = plugin;
      targetName = found;
    } else if (by === "name") {
      const found = this.#registry.get(name);
      if (found === undefined || found === null) return undefined;
      target = found;
      targetName = name;
    } else {
      const found = this.#registry.get(name);
      if (found !== plugin) {
        if (found === null && !this.#names.has(plugin)) return pluginLabel(plugin);
        throw libraryError("PluginRegistrationError", "HOOKSMITH_UNREGISTER_MISMATCH");
      }
      target = plugin;
      targetName = name;
    }
    for (const hook of this.#hooks.values()) hook.impls = hook.impls.filter((impl) => impl.plugin !== target);
    if (this.#registry.get(targetName) === target) {
      this.#registry.delete(targetName);
      this.#names.delete(target);
    }
    return pluginLabel(target);
  }

  // A hook call: pluggy's call loop over a snapshot of the implementations (§3.2).
  #call(hookName: HookName, mode: "sync" | "async"): unknown {
    const hook = this.#hooks.get(hookName);
    if (hook === undefined) return "no-hook";
    if (hook.historic) throw libraryError("HookCallError", "HOOKSMITH_HISTORIC_DIRECT_CALL");
    const snapshot = hook.impls.slice();
    if (mode === "sync" && snapshot.some((impl) => impl.isWrapper && impl.def.asyncGen)) {
      throw libraryError("HookCallError", "HOOKSMITH_ASYNC_IN_SYNC_CALL");
    }
    const entered: ModelImpl[] = [];
    const results: unknown[] = [];
    let failed = false;
    let error: ModelError | undefined;
    try {
      for (const impl of snapshot.reverse()) {
        if (impl.def.flaw === "unknown-arg") throw libraryError("HookCallError", "HOOKSMITH_MISSING_HOOK_ARGUMENT");
        if (impl.isWrapper) {
          this.log.push(`enter ${impl.label}`);
          if (impl.def.setup === "throw") throw boom(`${impl.label}:setup`);
          if (impl.def.setup === "noyield") throw libraryError("WrapperError", "HOOKSMITH_WRAPPER_DID_NOT_YIELD");
          entered.push(impl);
          continue;
        }
        const value = this.#runPlain(impl);
        if (value !== undefined) {
          results.push(value);
          if (hook.firstresult) break;
        }
      }
    } catch (thrown) {
      failed = true;
      error = asModelError(thrown);
    }
    let result: unknown = hook.firstresult ? results[0] : results;
    for (const wrapper of entered.reverse()) {
      this.log.push(`exit ${wrapper.label} ${failed ? "err" : "ok"}`);
      if (wrapper.def.teardown === "throw") {
        if (wrapper.def.kind === "old") this.log.push(`warn TeardownRaisedWarning ${wrapper.pluginName} ${hookName}`);
        failed = true;
        error = boom(`${wrapper.label}:teardown`);
      } else if (wrapper.def.teardown === "replace") {
        failed = false;
        error = undefined;
        result = `W:${wrapper.label}`;
      }
    }
    if (failed) throw error;
    return result;
  }

  // callHistoric(): recorded before it runs; callbacks only after every implementation succeeded.
  #callHistoric(callback: CallbackDef): undefined {
    const hook = this.#hooks.get("hist")!;
    this.#history.push(callback);
    const results: unknown[] = [];
    for (const impl of hook.impls.slice().reverse()) {
      const value = this.#runPlain(impl);
      if (value !== undefined) results.push(value);
    }
    if (callback !== "none") for (const result of results) this.#runCallback(callback, result);
    return undefined;
  }

  // A plain implementation: logs its call, performs its action, then returns or throws.
  #runPlain(impl: ModelImpl): unknown {
    this.log.push(`call ${impl.label}`);
    const action = impl.def.action;
    if (action.type === "register") {
      const outcome = this.#capture(() => this.register(action.target, action.name));
      this.log.push(
        `action ${impl.label} register ${pluginLabel(action.target)} as ${String(action.name)} -> ${formatOutcome(outcome)}`,
      );
    } else if (action.type === "unregister") {
      const outcome = this.#capture(() => this.#unregister("plugin", action.target, ""));
      this.log.push(`action ${impl.label} unregister ${pluginLabel(action.target)} -> ${formatOutcome(outcome)}`);
    }
    if (impl.def.ret === "throw") throw boom(impl.label);
    return impl.def.ret === "value" ? impl.label : undefined;
  }

  #runCallback(callback: CallbackDef, result: unknown): void {
    this.log.push(`cb ${String(result)}`);
    if (typeof callback === "object" && String(result).startsWith(`${pluginLabel(callback.throwFor)}.`))
      throw boom(callbackFailure(result));
  }

  #capture(run: () => unknown): Outcome {
    try {
      return { ok: true, value: run() };
    } catch (error) {
      return { ok: false, error: asModelError(error).error };
    }
  }
}

/**
 * The outcome the model does not pin: what `register` returns or throws when a historic replay
 * unregistered the very plugin being registered. The property accepts any outcome there.
 */
export const unspecified = "<unspecified>";

/** How many times a `hotCall` calls its hook: enough for the manager to compile the call. */
export const hotCallCount = 130;

/** Renders an outcome in an action's log line. */
export function formatOutcome(outcome: Outcome): string {
  if (outcome.ok && outcome.value === unspecified) return unspecified;
  return outcome.ok ? `ok:${String(outcome.value)}` : `err:${outcome.error}`;
}

/**
 * Replaces what the model leaves unspecified (an outcome, or the outcome at the end of a log
 * line) in the library's observations by the model's marker, so that only the rest is compared.
 *
 * @param actual - The library's outcomes and log.
 * @param expected - The model's outcomes and log.
 * @returns The library's observations with the unspecified parts masked.
 */
export function maskUnspecified(
  actual: { outcomes: readonly Outcome[]; log: readonly string[] },
  expected: { outcomes: readonly Outcome[]; log: readonly string[] },
): { outcomes: Outcome[]; log: string[] } {
  const isUnspecified = (outcome: Outcome | undefined): boolean => outcome?.ok === true && outcome.value === unspecified;
  return {
    outcomes: actual.outcomes.map((outcome, index) =>
      isUnspecified(expected.outcomes[index]) ? expected.outcomes[index]! : outcome,
    ),
    log: actual.log.map((line, index) => {
      const model = expected.log[index];
      if (model === undefined || !model.endsWith(`-> ${unspecified}`)) return line;
      const prefix = model.slice(0, -unspecified.length);
      return line.startsWith(prefix) ? model : line;
    }),
  };
}

// pluggy's `_add_hookimpl` (§3.1): non-wrappers then wrappers; within a segment, trylast goes to
// its start, tryfirst to its end, and the others just before the trailing run of tryfirst.
function insert(impls: ModelImpl[], impl: ModelImpl): void {
  const split = impls.findIndex((other) => other.isWrapper);
  const firstWrapper = split === -1 ? impls.length : split;
  const [start, end] = impl.isWrapper ? [firstWrapper, impls.length] : [0, firstWrapper];
  let at: number;
  if (impl.def.order === "trylast") at = start;
  else if (impl.def.order === "tryfirst") at = end;
  else {
    at = end;
    while (at > start && impls[at - 1]!.def.order === "tryfirst") at--;
  }
  impls.splice(at, 0, impl);
}

function asModelError(error: unknown): ModelError {
  if (error instanceof ModelError) return error;
  throw error;
}
