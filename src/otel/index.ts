/**
 * OpenTelemetry spans for hook calls, implementation steps and stage steps. Needs the optional
 * peer dependency `@opentelemetry/api`.
 *
 * @packageDocumentation
 * @module hooksmith/otel
 */

// The public API of `hooksmith/otel`. Named re-exports only.

export { HookTracing, otelAttributes, traceHooks } from "./trace-hooks.ts";
export type { OtelAttributeNames, TraceHooksOptions } from "./trace-hooks.ts";
export { traceStages } from "./trace-stages.ts";
export type { TraceStagesOptions } from "./trace-stages.ts";
export type { OtelContext, OtelSpan, OtelSpanOptions, OtelTracer } from "./otel-types.ts";
export type { StageProgressLike } from "../observability/recording.ts";
