// The real OpenTelemetry SDK for the hooksmith/otel tests: a tracer provider exporting to memory,
// and AsyncLocalStorage as the context manager (so that active spans follow awaits).
import { context, type Tracer } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";

export interface Telemetry {
  readonly tracer: Tracer;
  /** The spans ended so far, in the order they ended. */
  spans(): ReadableSpan[];
  /** The one ended span of this name. */
  span(name: string): ReadableSpan;
  /** The names of the spans whose parent is `parent` (in the order they ended). */
  childrenOf(parent: ReadableSpan): string[];
  dispose(): Promise<void>;
}

export function telemetry(): Telemetry {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
  return {
    tracer: provider.getTracer("hooksmith-test"),
    spans,
    span(name) {
      const found = spans().filter((span) => span.name === name);
      if (found.length !== 1)
        throw new Error(
          `expected one span "${name}", found ${found.length}: ${spans()
            .map((s) => s.name)
            .join(", ")}`,
        );
      return found[0]!;
    },
    childrenOf(parent) {
      return spans()
        .filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId)
        .map((span) => span.name);
    },
    async dispose() {
      await provider.shutdown();
      context.disable();
    },
  };
}
