// Issue 14, item 10: a StageHarness disposed while a deploy() was still running (a test timing out
// before its cleanup) never tore that deploy down: the directory was removed at once, and the
// deploy went on later, entering further stages against a deleted directory. Disposal now stops
// the runs in flight between stages, waits for them, and tears down what they entered before it
// removes the directory.
import { access, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NebariStage, StageAbortError } from "hooksmith";
import { createStageHarness, type DeployedStages } from "hooksmith/testing";

function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** Stages: `first` enters and writes a file when unwound; `slow` waits for `release`; `third` logs. */
function stages(log: string[], started: () => void, release: Promise<void>) {
  class First extends NebariStage {
    static override stageName = "first";
    static override priority = 1;
    override async *deploy(): AsyncGenerator<void, void, unknown> {
      log.push("first deploy");
      try {
        yield;
        log.push("first teardown");
      } finally {
        // Runs against the directory: it must still exist.
        await writeFile(join(this.outputDirectory, "unwound.txt"), "first");
        log.push("first unwound");
      }
    }
  }
  class Slow extends NebariStage {
    static override stageName = "slow";
    static override priority = 2;
    override async deploy(): Promise<void> {
      started();
      await release;
      log.push("slow deployed");
    }
  }
  class Third extends NebariStage {
    static override stageName = "third";
    static override priority = 3;
    override deploy(): void {
      log.push("third deploy");
    }
  }
  return { First, Slow, Third };
}

describe("Disposing of a StageHarness while a deploy runs", () => {
  it("stops the deploy before its next stage, unwinds what it entered, then removes the directory", async () => {
    const log: string[] = [];
    const started = gate();
    const release = gate();
    const { First, Slow, Third } = stages(log, started.open, release.opened);
    const harness = await createStageHarness([First, Slow, Third]);
    const deploying = harness.deploy().then(
      () => "deployed",
      (error: unknown) => error,
    );
    await started.opened;
    const disposing = harness.dispose();
    setTimeout(release.open, 20);
    await disposing;

    expect(log).toEqual(["first deploy", "slow deployed", "first unwound"]);
    expect(await exists(harness.outputDirectory)).toBe(false);
    const outcome = await deploying;
    expect(outcome).toBeInstanceOf(StageAbortError);
    expect(outcome).toMatchObject({
      stage: "third",
      completed: ["first", "slow"],
      cause: { code: "HOOKSMITH_HARNESS_DISPOSED" },
    });
    expect(log).toEqual(["first deploy", "slow deployed", "first unwound"]);
  });

  it("tears down a deploy that finished while the harness was being disposed", async () => {
    const log: string[] = [];
    const started = gate();
    const release = gate();
    const { First, Slow } = stages(log, started.open, release.opened);
    const harness = await createStageHarness([First, Slow]);
    const deploying = harness.deploy();
    await started.opened;
    const disposing = harness.dispose();
    setTimeout(release.open, 20);
    await disposing;

    expect(log).toEqual(["first deploy", "slow deployed", "first teardown", "first unwound"]);
    expect(await exists(harness.outputDirectory)).toBe(false);
    const deployed: DeployedStages = await deploying;
    expect(deployed.pending).toEqual([]);
    await expect(deployed.teardown()).rejects.toMatchObject({ code: "HOOKSMITH_TEARDOWN_DONE" });
  });
});
