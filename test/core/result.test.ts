// Port of pluggy's testing/test_result.py.

import { describe, expect, it } from "vitest";
import { Result } from "../../src/index.ts";

describe("Result.getResult", () => {
  // pluggy: test_exceptions_traceback_doesnt_get_longer_and_longer
  it("throws the same stored error each time, its stack unchanged", () => {
    // pluggy checks that re-raising does not grow the traceback; a JS error's stack is fixed when it
    // is created, so the counterpart is that every getResult() throws that very object, untouched.
    const bad = (): never => {
      throw new RangeError("division by zero");
    };
    const result = Result.fromCall(bad);
    const thrown: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      try {
        result.getResult();
      } catch (error) {
        thrown.push(error);
      }
    }
    expect(thrown).toHaveLength(3);
    expect(thrown[0]).toBeInstanceOf(RangeError);
    expect(thrown[1]).toBe(thrown[0]);
    expect(thrown[2]).toBe(thrown[0]);
    const stack = (thrown[0] as Error).stack;
    expect(stack).toContain("division by zero");
    expect((thrown[2] as Error).stack).toBe(stack);
    expect(result.exception).toBe(thrown[0]);
  });
});
