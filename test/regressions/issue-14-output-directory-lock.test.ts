// Issue 14, item 8: nothing kept two runs apart on one output directory. Two renders with prune at
// once reported files as unchanged that the other had just deleted; two deploys both succeeded and
// the state kept one run's resources. renderStages, deployStages and destroyStages now take an
// exclusive lock on the output directory, and a second run fails at once, naming the holder.
import { execFileSync } from "node:child_process";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  deployStages,
  destroyStages,
  lockOutputDirectory,
  NebariStage,
  RENDER_MANIFEST_FILE,
  renderStages,
  StageLockError,
  type RenderFiles,
  type StageClass,
} from "hooksmith";
import { tempDirectory } from "../stages/helpers.ts";
import { rejectionOf } from "../support/harness.ts";

const LOCK_FILE = ".hooksmith.lock";

let out: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  ({ path: out, remove } = await tempDirectory());
});
afterEach(async () => {
  await remove();
});

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** A stage whose deploy waits at `wait` before its yield. */
function waitingDeploy(wait: Promise<void>, started: () => void): StageClass {
  return class extends NebariStage {
    static override stageName = "slow";
    static override priority = 1;
    override async *deploy(): AsyncGenerator<void, void, unknown> {
      started();
      await wait;
      yield;
    }
  };
}

function renders(name: string, files: () => RenderFiles | Promise<RenderFiles>): StageClass {
  return class extends NebariStage {
    static override stageName = name;
    static override priority = 1;
    override render(): RenderFiles | Promise<RenderFiles> {
      return files();
    }
  };
}

describe("The lock of an output directory", () => {
  it("makes every other flow on the directory fail at once while a deploy runs, naming the deploy", async () => {
    const release = gate();
    const started = gate();
    const deploying = deployStages([waitingDeploy(release.opened, started.open)], { config: {}, outputDirectory: out });
    await started.opened;

    for (const second of [
      () => renderStages([], { config: {}, outputDirectory: out, prune: true }),
      () => deployStages([], { config: {}, outputDirectory: out }),
      () => destroyStages([], { config: {}, outputDirectory: out }),
      () => lockOutputDirectory(out),
    ]) {
      const error = await rejectionOf(second());
      expect(error).toBeInstanceOf(StageLockError);
      expect(error).toMatchObject({
        code: "HOOKSMITH_STAGE_LOCKED",
        file: join(out, LOCK_FILE),
        holder: { pid: process.pid, hostname: hostname(), flow: "deploy", since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      });
      expect((error as Error).message).toContain(`locked by a deploy run: process ${process.pid} on host`);
    }

    release.open();
    await deploying;
    expect(await readdir(out)).toEqual([]);
    await expect(renderStages([], { config: {}, outputDirectory: out, prune: true })).resolves.toMatchObject({ pruned: [] });
  });

  it("lets exactly one of two renders with prune run at once; the other fails without touching anything", async () => {
    const both = gate();
    let arrived = 0;
    const files = (prefix: string) => async (): Promise<RenderFiles> => {
      arrived += 1;
      if (arrived === 2) both.open();
      await both.opened;
      return Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`${prefix}/${index}.txt`, `${prefix} ${index}`]));
    };
    const outcomes = await Promise.allSettled([
      renderStages([renders("a", files("a"))], { config: {}, outputDirectory: out, prune: true }),
      renderStages([renders("b", files("b"))], { config: {}, outputDirectory: out, prune: true }),
    ]);
    const fulfilled = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const rejected = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({
      code: "HOOKSMITH_STAGE_LOCKED",
      holder: { flow: "render" },
    });
    const winner = outcomes[0]!.status === "fulfilled" ? "a" : "b";
    const manifest = JSON.parse(await readFile(join(out, RENDER_MANIFEST_FILE), "utf8")) as { files: object };
    expect(Object.keys(manifest.files).every((path) => path.startsWith(`${winner}/`))).toBe(true);
    expect((await readdir(out)).sort()).toEqual([RENDER_MANIFEST_FILE, winner]);
  });

  it("takes over the lock of a process that is gone", async () => {
    const gone = Number(
      execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }),
    );
    const stale = { pid: gone, hostname: hostname(), since: "2020-01-01T00:00:00.000Z", flow: "deploy", token: "stale" };
    await writeFile(join(out, LOCK_FILE), JSON.stringify(stale));
    await expect(deployStages([], { config: {}, outputDirectory: out })).resolves.toEqual({});
    expect(await readdir(out)).toEqual([]);
  });

  it("takes over a lock naming this very pid that this process does not hold (a restarted container)", async () => {
    const earlier = {
      pid: process.pid,
      hostname: hostname(),
      since: "2020-01-01T00:00:00.000Z",
      flow: "deploy",
      token: "earlier",
    };
    await writeFile(join(out, LOCK_FILE), JSON.stringify(earlier));
    await expect(destroyStages([], { config: {}, outputDirectory: out })).resolves.toEqual({ status: {}, skipped: [] });
    expect(await readdir(out)).toEqual([]);
  });

  it("never takes over the lock of another host, and says whose it is", async () => {
    const foreign = { pid: 1, hostname: "another-host.example", since: "2020-01-01T00:00:00.000Z", flow: "destroy", token: "t" };
    await writeFile(join(out, LOCK_FILE), JSON.stringify(foreign));
    await expect(renderStages([], { config: {}, outputDirectory: out })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[StageLockError: The output directory is locked by a destroy run: process 1 on host "another-host.example" since 2020-01-01T00:00:00.000Z ("${join(out, LOCK_FILE)}"); wait for it to finish, or delete that file if that process is gone]`,
    );
    expect(JSON.parse(await readFile(join(out, LOCK_FILE), "utf8"))).toEqual(foreign);
  });

  it("reports a lock file it cannot read as held by an unknown run", async () => {
    await writeFile(join(out, LOCK_FILE), "not json");
    const error = await rejectionOf(deployStages([], { config: {}, outputDirectory: out }));
    expect(error).toMatchObject({ code: "HOOKSMITH_STAGE_LOCKED", holder: undefined });
  });

  it("runs without the lock with lock: false, and never locks a dry run", async () => {
    await using held = await lockOutputDirectory(out, { flow: "deploy" });
    expect(held.holder.flow).toBe("deploy");
    await expect(deployStages([], { config: {}, outputDirectory: out, lock: false })).resolves.toEqual({});
    await expect(renderStages([], { config: {}, outputDirectory: out, dryRun: true })).resolves.toMatchObject({ new: [] });
  });
});
