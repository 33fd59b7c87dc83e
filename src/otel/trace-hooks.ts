// traceHooks: a span per hook call and per implementation step, through a hook observer. Spans
// nest as the calls do: a step's span is a child of its call's span, a call made from inside an
// implementation is a child of that step's span, and any other call a child of the active
// context (the span the host has open around the call, if any).

import { observeHooks } from "../core/observe.ts";
import { callEnvironmentOf } from "../core/plugin-manager.ts";
import { context, SpanStatusCode, trace, type Context, type Span } from "@opentelemetry/api";
import { describeValue, messageOf } from "../core/describe.ts";
import type { HookObserver, ObservedHookCall, ObservedImplStep } from "../core/observe.ts";
import type { PluginManager } from "../core/plugin-manager.ts";
import type { HookNames, UntypedSpecs } from "../core/types.ts";
import type { OtelSpan, OtelTracer } from "./otel-types.ts";

/**
 * The names of the span attributes `hooksmith/otel` sets (the type of {@link otelAttributes}).
 *
 * @example
 * ```ts
 * import type { OtelAttributeNames } from "hooksmith/otel";
 *
 * const key: OtelAttributeNames["pluginName"] = "hooksmith.plugin.name";
 * ```
 */
export interface OtelAttributeNames {
  /** The hook, on call and step spans. */
  readonly hookName: "hooksmith.hook.name";
  /** `plain`, `firstresult` or `historic`; `wrapper` on a wrapper's steps. */
  readonly hookKind: "hooksmith.hook.kind";
  /** `sync`, `async` (`callAsync`) or `parallel` (`callParallel`), on call spans. */
  readonly callMode: "hooksmith.call.mode";
  /** The plugin, on step spans. */
  readonly pluginName: "hooksmith.plugin.name";
  /** `call`, `setup` or `teardown`, on step spans. */
  readonly stepPhase: "hooksmith.step.phase";
  /** Whether the step returned a promise, on step spans. */
  readonly stepAsync: "hooksmith.step.async";
  /** `true` on a span ended because tracing stopped while it ran. */
  readonly unfinished: "hooksmith.unfinished";
  /** The flow (`deploy`, `destroy`, `render`), on stage spans. */
  readonly stageFlow: "hooksmith.stage.flow";
  /** The stage, on stage spans. */
  readonly stageName: "hooksmith.stage.name";
  /** The step of the stage (`deploy`, `check`, `teardown`, …), on stage spans. */
  readonly stagePhase: "hooksmith.stage.phase";
  /** The stage's position in the run order, on stage spans. */
  readonly stageIndex: "hooksmith.stage.index";
  /** The error's class name, on failed spans (OpenTelemetry's `error.type`). */
  readonly errorType: "error.type";
}

/**
 * The names of the span attributes `hooksmith/otel` sets, for queries and tests (each documented
 * on {@link OtelAttributeNames}).
 *
 * @example
 * ```ts
 * import { otelAttributes } from "hooksmith/otel";
 *
 * const slow = spans.filter((span) => span.attributes[otelAttributes.pluginName] === "remote");
 * ```
 */
export const otelAttributes: OtelAttributeNames = Object.freeze({
  hookName: "hooksmith.hook.name",
  hookKind: "hooksmith.hook.kind",
  callMode: "hooksmith.call.mode",
  pluginName: "hooksmith.plugin.name",
  stepPhase: "hooksmith.step.phase",
  stepAsync: "hooksmith.step.async",
  unfinished: "hooksmith.unfinished",
  stageFlow: "hooksmith.stage.flow",
  stageName: "hooksmith.stage.name",
  stagePhase: "hooksmith.stage.phase",
  stageIndex: "hooksmith.stage.index",
  errorType: "error.type",
});

/**
 * Options of {@link traceHooks}.
 *
 * @typeParam Specs - The manager's spec map.
 * @example
 * ```ts
 * import { trace } from "@opentelemetry/api";
 * import type { TraceHooksOptions } from "hooksmith/otel";
 *
 * const options: TraceHooksOptions = { tracer: trace.getTracer("my-host"), implementations: false };
 * ```
 */
export interface TraceHooksOptions<Specs = UntypedSpecs> {
  /** The tracer that makes the spans (`trace.getTracer(...)` of `@opentelemetry/api`). */
  readonly tracer: OtelTracer;
  /** Trace only the calls of these hooks (with their implementations); default every hook. */
  readonly hooks?: readonly HookNames<Specs>[];
  /** Make a span per implementation step too (default); `false`: one span per hook call only. */
  readonly implementations?: boolean;
}

/**
 * OpenTelemetry tracing of a manager's hook calls, started by {@link traceHooks}; `stop()` (or
 * leaving a `using` block) ends it.
 *
 * @example
 * ```ts
 * import { trace } from "@opentelemetry/api";
 * import { traceHooks } from "hooksmith/otel";
 *
 * using tracing = traceHooks(pm, { tracer: trace.getTracer("my-host") });
 * await pm.hook.build.callAsync({ target: "web" });
 * ```
 */
export class HookTracing {
  readonly #tracer: OtelTracer;
  readonly #hooks: ReadonlySet<string> | undefined;
  readonly #calls = new Map<ObservedHookCall, OtelSpan>();
  readonly #steps = new Map<ObservedImplStep, OtelSpan>();
  #remove: (() => void) | undefined;

  /**
   * Starts tracing; {@link traceHooks} is the usual way to call this.
   *
   * @param pm - The manager.
   * @param options - `tracer`, `hooks`, `implementations`.
   * @throws {TypeError} When `pm` is not a plugin manager or there is no tracer.
   */
  constructor(pm: PluginManager<object>, options: TraceHooksOptions) {
    if (callEnvironmentOf(pm) === undefined) {
      throw new TypeError(`traceHooks needs a PluginManager, got ${describeValue(pm)}`);
    }
    const tracer = (options as { tracer?: unknown } | undefined)?.tracer;
    if (typeof (tracer as { startSpan?: unknown } | undefined)?.startSpan !== "function") {
      throw new TypeError(`traceHooks needs a tracer (trace.getTracer(...) of @opentelemetry/api), got ${describeValue(tracer)}`);
    }
    const hooks = options.hooks;
    if (hooks !== undefined && !(Array.isArray(hooks) && hooks.every((hook) => typeof hook === "string"))) {
      throw new TypeError(`traceHooks: hooks must be an array of hook names, got ${describeValue(hooks)}`);
    }
    this.#tracer = tracer as OtelTracer;
    this.#hooks = hooks === undefined ? undefined : new Set<string>(hooks);
    const observer: HookObserver = {
      callStart: (call) => this.#callStart(call),
      callEnd: (call) => this.#end(this.#calls, call),
    };
    if (options.implementations !== false) {
      observer.stepStart = (step) => this.#stepStart(step);
      observer.stepEnd = (step) => this.#end(this.#steps, step);
    }
    this.#remove = observeHooks(pm, observer);
  }

  /** Whether it is still tracing. */
  get active(): boolean {
    return this.#remove !== undefined;
  }

  /**
   * Stops tracing: removes the observer, and ends the spans of calls and steps still running,
   * marked `hooksmith.unfinished` (a span never ended is never exported). Idempotent.
   *
   * @example
   * ```ts
   * import { trace } from "@opentelemetry/api";
   * import { traceHooks } from "hooksmith/otel";
   *
   * const tracing = traceHooks(pm, { tracer: trace.getTracer("my-host") });
   * pm.hook.build({ target: "web" });
   * tracing.stop();
   * ```
   */
  stop(): void {
    const remove = this.#remove;
    if (remove === undefined) return;
    this.#remove = undefined;
    remove();
    for (const spans of [this.#steps, this.#calls] as const) {
      for (const span of spans.values()) {
        span.setAttribute(otelAttributes.unfinished, true);
        span.end();
      }
      spans.clear();
    }
  }

  /** Same as `stop()`, for `using`. */
  [Symbol.dispose](): void {
    this.stop();
  }

  #callStart(call: ObservedHookCall): void {
    if (this.#hooks !== undefined && !this.#hooks.has(call.hookName)) return;
    const span = this.#tracer.startSpan(
      `hook ${call.hookName}`,
      {
        attributes: {
          [otelAttributes.hookName]: call.hookName,
          [otelAttributes.hookKind]: call.kind,
          [otelAttributes.callMode]: call.mode,
        },
      },
      this.#parentOf(call.parent),
    );
    this.#calls.set(call, span);
  }

  #stepStart(step: ObservedImplStep): void {
    const callSpan = this.#calls.get(step.call);
    if (callSpan === undefined) return;
    const impl = step.impl;
    const wrapper = impl.wrapper || impl.hookwrapper;
    const span = this.#tracer.startSpan(
      `${step.call.hookName} ${step.pluginName}${step.phase === "call" ? "" : ` ${step.phase}`}`,
      {
        attributes: {
          [otelAttributes.hookName]: step.call.hookName,
          [otelAttributes.hookKind]: wrapper ? "wrapper" : step.call.kind,
          [otelAttributes.pluginName]: step.pluginName,
          [otelAttributes.stepPhase]: step.phase,
        },
      },
      trace.setSpan(context.active(), callSpan as unknown as Span),
    );
    this.#steps.set(step, span);
  }

  #end<Key extends ObservedHookCall | ObservedImplStep>(spans: Map<Key, OtelSpan>, key: Key): void {
    const span = spans.get(key);
    if (span === undefined) return;
    spans.delete(key);
    if ("async" in key) span.setAttribute(otelAttributes.stepAsync, key.async);
    if (key.failed) recordFailure(span, key.error);
    span.end();
  }

  // The context of a call's span: the span of the innermost traced step or call it was made
  // from, else the active context.
  #parentOf(step: ObservedImplStep | undefined): Context {
    for (let current = step; current !== undefined; current = current.call.parent) {
      const span = this.#steps.get(current) ?? this.#calls.get(current.call);
      if (span !== undefined) return trace.setSpan(context.active(), span as unknown as Span);
    }
    return context.active();
  }
}

/**
 * Records a failure on a span: the error as an exception event, status `ERROR` with its
 * message, and `error.type`.
 *
 * @param span - The span.
 * @param error - What was thrown.
 */
export function recordFailure(span: OtelSpan, error: unknown): void {
  span.recordException(error instanceof Error ? error : messageOf(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(error) });
  span.setAttribute(otelAttributes.errorType, error instanceof Error ? error.name : typeof error);
}

/**
 * Traces a manager's hook calls with OpenTelemetry: a span per hook call (`hook <name>`) and per
 * implementation step (`<hook> <plugin>`, with ` setup` / ` teardown` for a wrapper), with the
 * attributes of {@link otelAttributes} (hook name, plugin name, kind, mode, phase). A failure is
 * recorded on its span (`recordException`, status `ERROR`, `error.type`). Spans nest as the calls
 * do: a step in its call, a call made from inside an implementation in that step (also after an
 * `await` where the runtime has `AsyncLocalStorage`), any other call in the active context.
 *
 * `@opentelemetry/api` is an optional peer dependency of hooksmith: install it (and an SDK that
 * exports the spans) to use this entry point.
 *
 * @typeParam Specs - The manager's spec map.
 * @param pm - The manager.
 * @param options - `tracer` (required), `hooks`, `implementations`.
 * @returns The running tracing; `stop()` ends it.
 * @throws {TypeError} When `pm` is not a plugin manager, or `tracer` is missing.
 * @example
 * ```ts
 * import { trace } from "@opentelemetry/api";
 * import { traceHooks } from "hooksmith/otel";
 *
 * const tracing = traceHooks(pm, { tracer: trace.getTracer("my-host") });
 * await pm.hook.build.callAsync({ target: "web" });
 * tracing.stop();
 * ```
 */
export function traceHooks<Specs extends object>(pm: PluginManager<Specs>, options: TraceHooksOptions<Specs>): HookTracing {
  return new HookTracing(pm as unknown as PluginManager<object>, options as unknown as TraceHooksOptions);
}
