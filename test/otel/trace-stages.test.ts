// hooksmith/otel traceStages: one span per stage and phase of the real stage flows, from their
// onProgress events (issue 17, item 4).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SpanStatusCode } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deployStages, destroyStages, NebariStage, renderStages, type StageProgressEvent } from "hooksmith";
import { traceStages } from "hooksmith/otel";
import { telemetry, type Telemetry } from "./helpers.ts";

let otel: Telemetry;
let outputDirectory: string;
beforeEach(async () => {
  otel = telemetry();
  outputDirectory = await mkdtemp(join(tmpdir(), "hooksmith-otel-"));
});
afterEach(async () => {
  await otel.dispose();
  await rm(outputDirectory, { recursive: true, force: true });
});

class Network extends NebariStage {
  static override stageName = "network";
  static override priority = 10;
  override render() {
    return { "network.txt": "up" };
  }
  override async *deploy() {
    yield;
  }
}

class Apps extends NebariStage {
  static override stageName = "apps";
  static override priority = 20;
  override deploy(): void {
    throw new Error("no capacity");
  }
}

describe("traceStages", () => {
  it("makes a span per stage and phase of a deploy, in the span around the flow, with the failure recorded", async () => {
    await otel.tracer.startActiveSpan("deploy", async (span) => {
      await expect(
        deployStages([Network, Apps], { config: {}, outputDirectory, onProgress: traceStages({ tracer: otel.tracer }) }),
      ).rejects.toThrow();
      span.end();
    });
    const root = otel.span("deploy");
    expect(otel.childrenOf(root)).toEqual([
      "stage network deploy",
      "stage network check",
      "stage apps deploy",
      "stage network teardown",
    ]);
    expect(otel.span("stage network deploy").attributes).toEqual({
      "hooksmith.stage.flow": "deploy",
      "hooksmith.stage.name": "network",
      "hooksmith.stage.phase": "deploy",
      "hooksmith.stage.index": 0,
    });
    const failed = otel.span("stage apps deploy");
    expect(failed.status).toEqual({ code: SpanStatusCode.ERROR, message: "no capacity" });
    expect(failed.events.map((event) => event.attributes?.["exception.message"])).toEqual(["no capacity"]);
    expect(otel.span("stage network teardown").status.code).toBe(SpanStatusCode.UNSET);
  });

  it("traces render and destroy too, next to the host's own progress callback", async () => {
    const onSpan = traceStages({ tracer: otel.tracer });
    const seen: string[] = [];
    const onProgress = (event: StageProgressEvent): void => {
      seen.push(`${event.type} ${event.stage} ${event.phase}`);
      onSpan(event);
    };
    await renderStages([Network], { config: {}, outputDirectory, onProgress });
    await deployStages([Network], { config: {}, outputDirectory, onProgress, disableChecks: true });
    await destroyStages([Network], { config: {}, outputDirectory, onProgress });
    const names = otel.spans().map((span) => span.name);
    expect(names).toEqual(expect.arrayContaining(["stage network render", "stage network deploy", "stage network destroy"]));
    expect(names).toHaveLength(seen.filter((line) => line.startsWith("start")).length);
    expect(otel.spans().every((span) => span.ended)).toBe(true);
  });

  it("needs a tracer", () => {
    expect(() => traceStages({} as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: traceStages needs a tracer (trace.getTracer(...) of @opentelemetry/api), got undefined]`,
    );
  });
});
