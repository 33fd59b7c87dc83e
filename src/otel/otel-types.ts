// The parts of the OpenTelemetry API that hooksmith/otel uses, as structural types: the
// declarations of this entry point compile without @opentelemetry/api installed, and a `Tracer`
// from any 1.x version of it fits.

/**
 * What `hooksmith/otel` needs of an OpenTelemetry tracer: `startSpan`. A `Tracer` of
 * `@opentelemetry/api` (`trace.getTracer("my-host")`) fits.
 *
 * @example
 * ```ts
 * import { trace } from "@opentelemetry/api";
 * import type { OtelTracer } from "hooksmith/otel";
 *
 * const tracer: OtelTracer = trace.getTracer("my-host");
 * ```
 */
export interface OtelTracer {
  /** Starts a span (see `Tracer.startSpan` of `@opentelemetry/api`). */
  startSpan(name: string, options?: OtelSpanOptions, context?: OtelContext): OtelSpan;
}

/**
 * The span options `hooksmith/otel` passes: attributes.
 *
 * @example
 * ```ts
 * import type { OtelSpanOptions } from "hooksmith/otel";
 *
 * const options: OtelSpanOptions = { attributes: { "hooksmith.hook.name": "build" } };
 * ```
 */
export interface OtelSpanOptions {
  /** The span's attributes. */
  attributes?: Record<string, string | number | boolean>;
}

/**
 * An OpenTelemetry context (`Context` of `@opentelemetry/api`), opaque here.
 *
 * @example
 * ```ts
 * import { context } from "@opentelemetry/api";
 * import type { OtelContext } from "hooksmith/otel";
 *
 * const active: OtelContext = context.active();
 * ```
 */
export interface OtelContext {
  /** Reads a value of the context. */
  getValue(key: symbol): unknown;
}

/**
 * What `hooksmith/otel` does with a span. A `Span` of `@opentelemetry/api` fits.
 *
 * @example
 * ```ts
 * import type { OtelSpan } from "hooksmith/otel";
 *
 * const finish = (span: OtelSpan) => span.end();
 * ```
 */
export interface OtelSpan {
  /** Sets an attribute. */
  setAttribute(key: string, value: string | number | boolean): unknown;
  /** Records an error as an event of the span. */
  recordException(exception: Error | string): void;
  /** Sets the status (`code` 2 is `SpanStatusCode.ERROR`). */
  setStatus(status: { code: number; message?: string }): unknown;
  /** Ends the span. */
  end(): void;
}
