// traceStages: an `onProgress` callback for the stage flows that makes one span per stage and
// phase. The flows report each step's start and its finish or failure; nothing else is needed,
// so the flows themselves are untouched.

import { context } from "@opentelemetry/api";
import { describeValue } from "../core/describe.ts";
import type { StageProgressLike } from "../observability/recording.ts";
import type { OtelSpan, OtelTracer } from "./otel-types.ts";
import { otelAttributes, recordFailure } from "./trace-hooks.ts";

/**
 * Options of {@link traceStages}.
 *
 * @example
 * ```ts
 * import { trace } from "@opentelemetry/api";
 * import type { TraceStagesOptions } from "hooksmith/otel";
 *
 * const options: TraceStagesOptions = { tracer: trace.getTracer("my-host") };
 * ```
 */
export interface TraceStagesOptions {
  /** The tracer that makes the spans. */
  readonly tracer: OtelTracer;
}

/**
 * Makes an `onProgress` callback for `deployStages`, `destroyStages` and `renderStages` (or a
 * `NebariStageSnapshot`'s flows) that traces each step of each stage as a span named
 * `stage <stage> <phase>` (`render`, `write`, `deploy`, `check`, `teardown`, `prepare`,
 * `destroy`), with the attributes `hooksmith.stage.flow`, `.name`, `.phase` and `.index`; a
 * failed step's span records the error (status `ERROR`). A step's span is a child of the context
 * active when the step starts: run the flow inside a span of your own to group its steps.
 *
 * @param options - `tracer`.
 * @returns The callback; call it from yours to keep a progress display too.
 * @throws {TypeError} When `tracer` is missing.
 * @example
 * ```ts
 * import { trace } from "@opentelemetry/api";
 * import { deployStages } from "hooksmith";
 * import { traceStages } from "hooksmith/otel";
 *
 * const tracer = trace.getTracer("my-host");
 * await tracer.startActiveSpan("deploy", async (span) => {
 *   await deployStages(stages, { config, outputDirectory, onProgress: traceStages({ tracer }) });
 *   span.end();
 * });
 * ```
 */
export function traceStages(options: TraceStagesOptions): (event: StageProgressLike) => void {
  const tracer = (options as { tracer?: unknown } | undefined)?.tracer;
  if (typeof (tracer as { startSpan?: unknown } | undefined)?.startSpan !== "function") {
    throw new TypeError(`traceStages needs a tracer (trace.getTracer(...) of @opentelemetry/api), got ${describeValue(tracer)}`);
  }
  const open = new Map<string, OtelSpan[]>();
  return (event) => {
    if (typeof event !== "object" || event === null) return;
    const key = `${String(event.flow)}\0${String(event.stage)}\0${String(event.phase)}\0${String(event.index)}`;
    if (event.type === "start") {
      const span = (tracer as OtelTracer).startSpan(
        `stage ${String(event.stage)} ${String(event.phase)}`,
        {
          attributes: {
            [otelAttributes.stageFlow]: String(event.flow),
            [otelAttributes.stageName]: String(event.stage),
            [otelAttributes.stagePhase]: String(event.phase),
            [otelAttributes.stageIndex]: event.index,
          },
        },
        context.active(),
      );
      const spans = open.get(key);
      if (spans === undefined) open.set(key, [span]);
      else spans.push(span);
      return;
    }
    if (event.type !== "finish" && event.type !== "fail") return;
    const span = open.get(key)?.pop();
    if (span === undefined) return;
    if (event.type === "fail") recordFailure(span, event.error);
    span.end();
  };
}
