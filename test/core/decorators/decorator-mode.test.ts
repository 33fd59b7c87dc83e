// Every file in test/core/decorators runs twice: the "unit" vitest project compiles TC39 standard
// decorators, the "legacy-decorators" project recompiles the same files with experimentalDecorators.
// This file proves that each project really compiled its own mode, so both are exercised.

import { describe, expect, it } from "vitest";
import { createManager, hookimpl } from "../../support/harness.ts";

// What a decorator receives tells the modes apart: (value, context) for a standard method
// decorator, (target, key, descriptor) for a legacy one.
const received: unknown[][] = [];
function probe(...args: unknown[]): void {
  received.push(args);
}

class Probed {
  @probe
  method() {
    return "method";
  }

  @hookimpl
  h() {
    return "marked";
  }
}

describe("the decorator mode of this vitest project", () => {
  it("matches the project: two arguments with a context (standard) or three with a descriptor (legacy)", ({ task }) => {
    const project = task.file.projectName;
    expect(["unit", "legacy-decorators"]).toContain(project);
    expect(received).toHaveLength(1);
    const args = received[0]!;
    if (project === "unit") {
      expect(args).toHaveLength(2);
      expect(args[0]).toBe(Probed.prototype.method);
      expect(args[1]).toMatchObject({ kind: "method", name: "method", static: false, private: false });
    } else {
      expect(args).toHaveLength(3);
      expect(args[0]).toBe(Probed.prototype);
      expect(args[1]).toBe("method");
      expect(args[2]).toMatchObject({ value: Probed.prototype.method, enumerable: false });
    }
  });

  it("registers the hookimpl decorated in this mode", () => {
    const { pm } = createManager();
    pm.register(new Probed(), "probed");
    expect(pm.hook["h"]?.({})).toEqual(["marked"]);
  });
});
