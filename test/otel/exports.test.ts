// The public surface of hooksmith/otel, pinned.
import { describe, expect, it } from "vitest";
import * as otel from "hooksmith/otel";

describe("hooksmith/otel", () => {
  it("exports the tracing functions and nothing else", () => {
    expect(Object.keys(otel).sort()).toMatchInlineSnapshot(`
      [
        "HookTracing",
        "otelAttributes",
        "traceHooks",
        "traceStages",
      ]
    `);
  });

  it("names every attribute under hooksmith., but OpenTelemetry's own error.type", () => {
    expect(Object.values(otel.otelAttributes).filter((name) => !name.startsWith("hooksmith."))).toEqual(["error.type"]);
    expect(Object.isFrozen(otel.otelAttributes)).toBe(true);
  });
});
