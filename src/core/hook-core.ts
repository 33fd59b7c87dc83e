// The state behind one hook name, shared by its HookCaller and every subset view of it: the
// implementations in pluggy's storage order, the spec, the historic call history, and the call
// plan derived from them. The plan is rebuilt lazily after a change, so a hook call never sorts,
// filters or copies anything.

import type { HookImpl } from "./hook-impl.ts";
import type { HookSpec } from "./hook-spec.ts";
import type { HookObserver, observeCall } from "./observe.ts";
import type { CompiledCall } from "./compile-call.ts";
import type { Result } from "./result.ts";

/** A monitoring pair installed by `addHookcallMonitoring`. */
export interface HookMonitor {
  /** Runs before a hook call. */
  readonly before: HookcallBefore;
  /** Runs after a hook call, with its outcome. */
  readonly after: HookcallAfter;
}

/** Called before every hook call while monitoring is on. */
export type HookcallBefore = (hookName: string, hookImpls: readonly HookImpl[], kwargs: object) => void;

/** Called after every hook call while monitoring is on; may change `outcome`. */
export type HookcallAfter = (outcome: Result<unknown>, hookName: string, hookImpls: readonly HookImpl[], kwargs: object) => void;

/** What the call loops need from their manager: where warnings go, the monitors and the observers. */
export interface CallEnvironment {
  /** Emits a warning. */
  readonly warn: (warning: Error) => void;
  /** The monitors, innermost first; replaced (never mutated) when monitoring changes. */
  monitors: readonly HookMonitor[];
  /** The observers; replaced (never mutated) when one is added or removed. */
  observers: readonly HookObserver[];
  /**
   * Starts observing a call: installed by the first `observeHooks`, so that a program that
   * observes nothing does not carry the observation code.
   */
  observe: typeof observeCall | undefined;
  /** No monitor and no observer: calls go straight to the call loop (or its compiled path). */
  plain: boolean;
}

/** One recorded historic call. */
export interface HistoryEntry {
  /** The arguments of the call. */
  readonly args: object;
  /** The callback that receives each result, if any. */
  readonly resultCallback: ((result: unknown) => unknown) | undefined;
}

/** An immutable snapshot of what a call runs. */
export interface CallPlan {
  /** The implementations in storage order (call order is the reverse). */
  readonly impls: readonly HookImpl[];
  /** Every argument name some implementation requires or the spec declares. */
  readonly required: readonly string[];
  /** Whether the spec says `firstresult`. */
  readonly firstresult: boolean;
  /** Synchronous calls so far; the plan is compiled when they reach a threshold. */
  calls: number;
  /** The compiled synchronous path: `undefined` until compiled, `null` when the plan has none. */
  compiled: CompiledCall | null | undefined;
}

const emptyPlanImpls: readonly HookImpl[] = Object.freeze([]);

/** @internal The state behind one hook name. */
export class HookCore {
  /** The hook name. */
  readonly name: string;
  /** Where calls get their warnings sink and monitors. */
  readonly env: CallEnvironment;
  /** Creation order among the manager's hooks. */
  readonly order: number;
  /** The spec, once added. */
  spec: HookSpec | undefined;
  /** The historic call history; defined only for historic hooks. */
  history: HistoryEntry[] | undefined;
  /** Implementations in pluggy's storage order: non-wrappers, then wrappers. */
  readonly impls: HookImpl[] = [];
  /** How many of `impls` are non-wrappers (the index of the first wrapper). */
  nonWrapperCount: number = 0;
  /** Bumped on every change; subset views use it to know when to refilter. */
  version: number = 0;
  #plan: CallPlan | undefined;

  constructor(name: string, env: CallEnvironment, order: number) {
    this.name = name;
    this.env = env;
    this.order = order;
  }

  /** Sets the spec; a historic spec starts the call history. */
  setSpec(spec: HookSpec): void {
    this.spec = spec;
    if (spec.opts.historic) this.history = [];
    this.changed();
  }

  /** Inserts an implementation where pluggy's `_add_hookimpl` puts it. */
  addImpl(impl: HookImpl): void {
    const impls = this.impls;
    const isWrapper = impl.wrapper || impl.hookwrapper;
    const start = isWrapper ? this.nonWrapperCount : 0;
    const end = isWrapper ? impls.length : this.nonWrapperCount;
    let at: number;
    if (impl.trylast) at = start;
    else if (impl.tryfirst) at = end;
    else {
      at = end;
      while (at > start && impls[at - 1]!.tryfirst) at--;
    }
    if (at === impls.length) impls.push(impl);
    else impls.splice(at, 0, impl);
    if (!isWrapper) this.nonWrapperCount++;
    this.changed();
  }

  /** Removes every implementation of `plugin`; returns whether there was one. */
  removePlugin(plugin: object): boolean {
    const impls = this.impls;
    let kept = 0;
    let nonWrappers = 0;
    for (const impl of impls) {
      if (impl.plugin === plugin) continue;
      impls[kept++] = impl;
      if (!impl.wrapper && !impl.hookwrapper) nonWrappers++;
    }
    if (kept === impls.length) return false;
    impls.length = kept;
    this.nonWrapperCount = nonWrappers;
    this.changed();
    return true;
  }

  /** Removes one implementation object; returns whether it was there. */
  removeImpl(impl: HookImpl): boolean {
    const index = this.impls.indexOf(impl);
    if (index === -1) return false;
    this.impls.splice(index, 1);
    if (!impl.wrapper && !impl.hookwrapper) this.nonWrapperCount--;
    this.changed();
    return true;
  }

  /** The current call plan, rebuilt if something changed since the last call. */
  plan(): CallPlan {
    return (this.#plan ??= buildPlan(this.impls, this.spec));
  }

  changed(): void {
    this.#plan = undefined;
    this.version++;
  }
}

/** Builds the immutable plan of a list of implementations in storage order. */
export function buildPlan(impls: readonly HookImpl[], spec: HookSpec | undefined): CallPlan {
  const required = new Set<string>(spec?.argnames ?? []);
  for (const impl of impls) for (const name of impl.argnames ?? []) required.add(name);
  return {
    impls: impls.length === 0 ? emptyPlanImpls : Object.freeze(impls.slice()),
    required: Object.freeze([...required]),
    firstresult: spec?.opts.firstresult ?? false,
    calls: 0,
    compiled: undefined,
  };
}
