import { describe, expect, it } from "vitest";
import {
  HooksmithError,
  HooksmithWarning,
  isHooksmithError,
  NebariStage,
  StageAbortError,
  StageCheckError,
  StageConfigConflictError,
  StageConfigError,
  StageConflictError,
  StageContractError,
  StageCycleError,
  StageDefinitionError,
  StageError,
  StageExcludePatternError,
  StageOutputError,
  StageRenderConflictError,
  StageRenderManifestError,
  StageRenderPathError,
  StageWarning,
} from "../../src/index.ts";

class A extends NebariStage {
  static override stageName = "a";
  static override priority = 1;
}

const cases: [HooksmithError, string, string][] = [
  [new StageError({ stage: "a", phase: "deploy", cause: new Error("x") }), "StageError", "HOOKSMITH_STAGE_FAILED"],
  [new StageConflictError({ stage: A, index: 0 }, { stage: A, index: 1 }), "StageConflictError", "HOOKSMITH_STAGE_CONFLICT"],
  [new StageDefinitionError(A, "bad"), "StageDefinitionError", "HOOKSMITH_INVALID_STAGE"],
  [new StageExcludePatternError("(", 0, new SyntaxError("x")), "StageExcludePatternError", "HOOKSMITH_INVALID_EXCLUDE_PATTERN"],
  [new StageCycleError(["a", "a"]), "StageCycleError", "HOOKSMITH_STAGE_CYCLE"],
  [new StageRenderPathError("a", "../x", "escapes"), "StageRenderPathError", "HOOKSMITH_INVALID_RENDER_PATH"],
  [new StageRenderConflictError(["a", "b"], ["x", "x"]), "StageRenderConflictError", "HOOKSMITH_RENDER_CONFLICT"],
  [new StageRenderManifestError("/m.json", "bad"), "StageRenderManifestError", "HOOKSMITH_INVALID_RENDER_MANIFEST"],
  [new StageConfigError([{ stage: "a", path: ["a"], message: "bad" }]), "StageConfigError", "HOOKSMITH_INVALID_CONFIG"],
  [new StageConfigConflictError("k", ["a", "b"]), "StageConfigConflictError", "HOOKSMITH_CONFIG_KEY_CONFLICT"],
  [new StageCheckError("a"), "StageCheckError", "HOOKSMITH_STAGE_CHECK_FAILED"],
  [new StageOutputError("a", [{ path: [], message: "bad" }]), "StageOutputError", "HOOKSMITH_INVALID_STAGE_OUTPUT"],
  [
    new StageAbortError({ flow: "deploy", stage: "a", completed: [], reason: new Error("stop") }),
    "StageAbortError",
    "HOOKSMITH_STAGE_ABORTED",
  ],
  [new StageContractError("a", "deploy", "yielded more than once"), "StageContractError", "HOOKSMITH_STAGE_CONTRACT"],
];

describe("stage errors", () => {
  it.each(cases)("%s is a HooksmithError with its own name and a stable code", (error, name, code) => {
    expect(error).toBeInstanceOf(HooksmithError);
    expect(error).toBeInstanceOf(Error);
    expect(isHooksmithError(error)).toBe(true);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
  });

  it("gives every stage error a distinct code", () => {
    expect(new Set(cases.map(([, , code]) => code)).size).toBe(cases.length);
  });

  it("keeps the original error as the cause of a StageError", () => {
    const cause = new RangeError("out of range");
    const error = new StageError({ stage: "a", phase: "check", cause });
    expect(error.cause).toBe(cause);
    expect(error.report).toBeUndefined();
    expect(error.otherErrors).toEqual([]);
  });

  it("formats a non-Error cause in the message", () => {
    expect(new StageError({ stage: "a", phase: "destroy", cause: "plain string" }).message).toBe(
      'Stage "a" failed to destroy: plain string',
    );
  });

  it("makes StageWarning a HooksmithWarning with a code", () => {
    const warning = new StageWarning("HOOKSMITH_UNKNOWN_CONFIG_KEY", "x", { reference: "k" });
    expect(warning).toBeInstanceOf(HooksmithWarning);
    expect(warning.name).toBe("StageWarning");
    expect(warning.reference).toBe("k");
  });
});
