// hooksmith/otel traceHooks: spans per hook call and implementation step, with the real
// OpenTelemetry SDK and its in-memory exporter (issue 17, item 4).
import { SpanStatusCode } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { otelAttributes, traceHooks } from "hooksmith/otel";
import { hookimpl, manager } from "../observability/helpers.ts";
import { telemetry, type Telemetry } from "./helpers.ts";

let otel: Telemetry;
beforeEach(() => {
  otel = telemetry();
});
afterEach(async () => {
  await otel.dispose();
});

describe("traceHooks", () => {
  it("makes a span per call and per step, nested as the calls are, with hook, plugin, kind and phase", () => {
    const { pm, hook } = manager();
    pm.register({ pick: hookimpl(() => 7) }, "picker");
    pm.register({ build: hookimpl(() => hook["pick"]!({ n: 1 })) }, "compiler");
    pm.register(
      {
        build: hookimpl({ wrapper: true })(function* (): Generator<undefined, unknown, unknown> {
          return yield;
        }),
      },
      "timing",
    );
    const tracing = traceHooks(pm, { tracer: otel.tracer });
    hook["build"]!({ target: "web" });
    tracing.stop();

    const build = otel.span("hook build");
    expect(build.parentSpanContext).toBeUndefined();
    expect(build.attributes).toEqual({
      "hooksmith.hook.name": "build",
      "hooksmith.hook.kind": "plain",
      "hooksmith.call.mode": "sync",
    });
    expect(otel.childrenOf(build)).toEqual(["build timing setup", "build compiler", "build timing teardown"]);
    expect(otel.span("build timing setup").attributes).toEqual({
      "hooksmith.hook.name": "build",
      "hooksmith.hook.kind": "wrapper",
      "hooksmith.plugin.name": "timing",
      "hooksmith.step.phase": "setup",
      "hooksmith.step.async": false,
    });
    // The firstresult call made from inside "compiler" is a child of that step.
    const compiler = otel.span("build compiler");
    expect(otel.childrenOf(compiler)).toEqual(["hook pick"]);
    expect(otel.span("hook pick").attributes[otelAttributes.hookKind]).toBe("firstresult");
    expect(otel.childrenOf(otel.span("hook pick"))).toEqual(["pick picker"]);
    expect(otel.spans().every((span) => span.status.code === SpanStatusCode.UNSET)).toBe(true);
  });

  it("records an error on the step that raised it and on the spans it passed through", () => {
    const { pm, hook } = manager();
    const failure = new RangeError("out of disk");
    pm.register(
      {
        leaf: hookimpl(() => {
          throw failure;
        }),
      },
      "broken",
    );
    const tracing = traceHooks(pm, { tracer: otel.tracer });
    expect(() => hook["leaf"]!({ n: 1 })).toThrow(failure);
    tracing.stop();
    for (const name of ["leaf broken", "hook leaf"]) {
      const span = otel.span(name);
      expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: "out of disk" });
      expect(span.attributes["error.type"]).toBe("RangeError");
      expect(
        span.events.map((event) => [event.name, event.attributes?.["exception.type"], event.attributes?.["exception.message"]]),
      ).toEqual([["exception", "RangeError", "out of disk"]]);
    }
  });

  it("nests a call made after an await in the step it came from, and a root call in the active span", async () => {
    const { pm, hook } = manager();
    pm.register({ leaf: hookimpl(async () => 1) }, "leafy");
    pm.register(
      {
        build: hookimpl(async () => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          await hook["leaf"]!.callAsync({ n: 1 });
        }),
      },
      "remote",
    );
    const tracing = traceHooks(pm, { tracer: otel.tracer });
    await otel.tracer.startActiveSpan("host request", async (span) => {
      await hook["build"]!.callAsync({ target: "web" });
      span.end();
    });
    tracing.stop();
    expect(otel.childrenOf(otel.span("host request"))).toEqual(["hook build"]);
    expect(otel.childrenOf(otel.span("build remote"))).toEqual(["hook leaf"]);
    expect(otel.span("hook leaf").attributes[otelAttributes.callMode]).toBe("async");
    expect(otel.span("build remote").attributes[otelAttributes.stepAsync]).toBe(true);
  });

  it("makes only call spans with implementations: false, nesting calls in the calls they came from", () => {
    const { pm, hook } = manager();
    pm.register({ leaf: hookimpl(() => 1) }, "leafy");
    pm.register({ build: hookimpl(() => hook["leaf"]!({ n: 1 })) }, "outer");
    const tracing = traceHooks(pm, { tracer: otel.tracer, implementations: false });
    hook["build"]!({ target: "web" });
    tracing.stop();
    expect(otel.spans().map((span) => span.name)).toEqual(["hook leaf", "hook build"]);
    expect(otel.childrenOf(otel.span("hook build"))).toEqual(["hook leaf"]);
  });

  it("traces only the hooks asked for, nesting them in the nearest traced ancestor", () => {
    const { pm, hook } = manager();
    pm.register({ leaf: hookimpl(() => 1) }, "leafy");
    pm.register({ pick: hookimpl(() => hook["leaf"]!({ n: 1 })[0]) }, "picker");
    pm.register({ build: hookimpl(() => hook["pick"]!({ n: 1 })) }, "outer");
    const tracing = traceHooks(pm, { tracer: otel.tracer, hooks: ["build", "leaf"] });
    hook["build"]!({ target: "web" });
    tracing.stop();
    expect(
      otel
        .spans()
        .map((span) => span.name)
        .sort(),
    ).toEqual(["build outer", "hook build", "hook leaf", "leaf leafy"]);
    expect(otel.childrenOf(otel.span("build outer"))).toEqual(["hook leaf"]);
  });

  it("ends what still runs when it stops, marked unfinished, and traces nothing after", async () => {
    const { pm, hook } = manager();
    let release!: () => void;
    pm.register({ build: hookimpl(() => new Promise<void>((resolve) => (release = resolve))) }, "hanging");
    const tracing = traceHooks(pm, { tracer: otel.tracer });
    const running = hook["build"]!.callAsync({ target: "web" });
    expect(otel.spans()).toEqual([]);
    tracing.stop();
    tracing.stop();
    expect(tracing.active).toBe(false);
    expect(otel.spans().map((span) => [span.name, span.attributes[otelAttributes.unfinished]])).toEqual([
      ["build hanging", true],
      ["hook build", true],
    ]);
    release();
    await running;
    const again = hook["build"]!.callAsync({ target: "again" });
    release();
    await again;
    expect(otel.spans()).toHaveLength(2);
  });

  it("refuses what it cannot trace", () => {
    const { pm } = manager();
    expect(() => traceHooks(pm, {} as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: traceHooks needs a tracer (trace.getTracer(...) of @opentelemetry/api), got undefined]`,
    );
    expect(() => traceHooks({} as never, { tracer: otel.tracer })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: traceHooks needs a PluginManager, got an object]`,
    );
  });
});
