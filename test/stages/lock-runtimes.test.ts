// What the flows' `lock` option does where the runtime cannot lock (a browser, a worker): the
// `#platform` binding used there is the default one, which refuses every file operation. By
// default the flows then run without the lock, so deployStages and destroyStages stay portable;
// an explicit `lock: true` is refused with HOOKSMITH_UNSUPPORTED_RUNTIME.
import { describe, expect, it } from "vitest";
import * as fallback from "../../src/platform/default.ts";
import { lockForFlow } from "../../src/stages/lock.ts";

describe("The flows' lock outside Node", () => {
  it("is skipped by default", async () => {
    await expect(lockForFlow(undefined, "out", "deploy", fallback)).resolves.toBeUndefined();
  });

  it("is refused when required with lock: true, naming what needs Node", async () => {
    await expect(lockForFlow(true, "out", "deploy", fallback)).rejects.toMatchObject({
      code: "HOOKSMITH_UNSUPPORTED_RUNTIME",
      message: expect.stringContaining("lockOutputDirectory"),
    });
  });

  it("is not taken with lock: false", async () => {
    await expect(lockForFlow(false, "out", "deploy", fallback)).resolves.toBeUndefined();
  });

  it("refuses a lock option that is not a boolean", async () => {
    await expect(lockForFlow("yes" as never, "out", "deploy", fallback)).rejects.toThrow(
      'the lock option must be true or false, got the string "yes"',
    );
  });
});
