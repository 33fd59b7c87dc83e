import { describe, expectTypeOf, it } from "vitest";
import {
  profileHooks,
  type DeployStagesOptions,
  type HookProfile,
  type HookProfiler,
  type PluginManager,
  type ProfileHooksOptions,
  type StageProgressEvent,
  type StageProgressLike,
} from "hooksmith";

interface Specs {
  build(args: { target: string }): string;
  lint(args: { file: string }): string[];
}

describe("profileHooks types", () => {
  it("types the hooks option from the manager's specs", () => {
    const pm = {} as PluginManager<Specs>;
    expectTypeOf(profileHooks(pm, { hooks: ["build", "lint"] })).toEqualTypeOf<HookProfiler>();
    // @ts-expect-error: not a hook of Specs
    profileHooks(pm, { hooks: ["deploy"] });
    expectTypeOf<ProfileHooksOptions<Specs>["hooks"]>().toEqualTypeOf<readonly ("build" | "lint")[] | undefined>();
  });

  it("returns the report from stop()", () => {
    expectTypeOf<HookProfiler["stop"]>().returns.toEqualTypeOf<HookProfile>();
  });

  it("takes the stage flows' progress events", () => {
    expectTypeOf<StageProgressEvent>().toExtend<StageProgressLike>();
    expectTypeOf<HookProfiler["onStageProgress"]>().toExtend<NonNullable<DeployStagesOptions["onProgress"]>>();
  });
});
