import type { Span, Tracer } from "@opentelemetry/api";
import { describe, expectTypeOf, it } from "vitest";
import type { PluginManager, StageProgressEvent } from "hooksmith";
import {
  traceHooks,
  traceStages,
  type HookTracing,
  type OtelSpan,
  type OtelTracer,
  type StageProgressLike,
} from "hooksmith/otel";

interface Specs {
  build(args: { target: string }): string;
}

describe("hooksmith/otel types", () => {
  it("takes a tracer of @opentelemetry/api through its structural types", () => {
    expectTypeOf<Tracer>().toExtend<OtelTracer>();
    expectTypeOf<Span>().toExtend<OtelSpan>();
  });

  it("types the hooks option from the manager's specs", () => {
    const pm = {} as PluginManager<Specs>;
    const tracer = {} as Tracer;
    expectTypeOf(traceHooks(pm, { tracer, hooks: ["build"] })).toEqualTypeOf<HookTracing>();
    // @ts-expect-error: not a hook of Specs
    traceHooks(pm, { tracer, hooks: ["deploy"] });
  });

  it("makes an onProgress callback the stage flows accept", () => {
    const onProgress = traceStages({ tracer: {} as Tracer });
    expectTypeOf(onProgress).toExtend<(event: StageProgressEvent) => void>();
    expectTypeOf<StageProgressEvent>().toExtend<StageProgressLike>();
  });
});
