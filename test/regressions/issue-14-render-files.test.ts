// Issue 14, items 1, 2, 4 and 12 (render paths): renderStages read and wrote the render manifest
// through a symbolic link (a repository shipping `.hooksmith-render.json` as a link made render
// overwrite a file outside the output directory); a hand-edited manifest made `prune` delete
// files no stage rendered (`.git/HEAD`) or files the user changed; a named pipe at a rendered
// path blocked the render forever; NUL bytes, over-long names and symlink loops escaped as raw
// Node errors.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readFile, readlink, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  NebariStage,
  RENDER_MANIFEST_FILE,
  renderStages,
  StageRenderManifestError,
  StageRenderPathError,
  type RenderFiles,
  type StageClass,
} from "hooksmith";
import { listTree, tempDirectory } from "../stages/helpers.ts";
import { rejectionOf } from "../support/harness.ts";

function renders(name: string, files: RenderFiles): StageClass {
  return class extends NebariStage {
    static override stageName = name;
    static override priority = 1;
    override render(): RenderFiles {
      return files;
    }
  };
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

let root: string;
let remove: () => Promise<void>;
let out: string;
beforeEach(async () => {
  ({ path: root, remove } = await tempDirectory());
  out = join(root, "out");
  await mkdir(out);
});
afterEach(async () => {
  await remove();
});

describe("The render manifest as a symbolic link", () => {
  it("is refused, and the file it points at outside the output directory is left alone", async () => {
    const victim = join(root, "victim.json");
    await writeFile(victim, JSON.stringify({ version: 1, files: {} }));
    await symlink(victim, join(out, RENDER_MANIFEST_FILE));
    const error = await rejectionOf(
      renderStages([renders("app", { "a.txt": "a" })], { config: {}, outputDirectory: out, prune: true }),
    );
    expect(error).toBeInstanceOf(StageRenderManifestError);
    expect((error as Error).message).toContain("it is a symbolic link, which renderStages never follows");
    expect(await readFile(victim, "utf8")).toBe(JSON.stringify({ version: 1, files: {} }));
    expect(await listTree(out)).toEqual([RENDER_MANIFEST_FILE]);
  });

  it("is refused when dangling, and no file is created where it points", async () => {
    const target = join(root, "created-outside.json");
    await symlink(target, join(out, RENDER_MANIFEST_FILE));
    await expect(renderStages([], { config: {}, outputDirectory: out, prune: true })).rejects.toThrow(StageRenderManifestError);
    await expect(readFile(target)).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("prune with a hostile or stale manifest", () => {
  it("keeps .git/HEAD listed by a hand-edited version 1 manifest, and reports it as kept", async () => {
    await mkdir(join(out, ".git"));
    await writeFile(join(out, ".git", "HEAD"), "ref: refs/heads/main\n");
    await writeFile(join(out, RENDER_MANIFEST_FILE), JSON.stringify({ version: 1, files: { ".git/HEAD": "x" } }));
    const report = await renderStages([], { config: {}, outputDirectory: out, prune: true });
    expect(report).toMatchObject({ pruned: [], kept: [".git/HEAD"] });
    expect(await readFile(join(out, ".git", "HEAD"), "utf8")).toBe("ref: refs/heads/main\n");
  });

  it("keeps a file under .git even when a version 2 manifest records its exact hash", async () => {
    await mkdir(join(out, ".git"));
    await writeFile(join(out, ".git", "HEAD"), "ref: refs/heads/main\n");
    const files = { ".git/HEAD": { stage: "x", sha256: sha256("ref: refs/heads/main\n") } };
    await writeFile(join(out, RENDER_MANIFEST_FILE), JSON.stringify({ version: 2, files }));
    expect(await renderStages([], { config: {}, outputDirectory: out, prune: true })).toMatchObject({
      pruned: [],
      kept: [".git/HEAD"],
    });
    expect(await readFile(join(out, ".git", "HEAD"), "utf8")).toBe("ref: refs/heads/main\n");
  });

  it("keeps a rendered file the user changed since, instead of deleting it", async () => {
    await renderStages([renders("app", { "a.txt": "a" }), renders("plugin", { "plugin.tf": "rendered" })], {
      config: {},
      outputDirectory: out,
      prune: true,
    });
    await writeFile(join(out, "plugin.tf"), "rendered, then edited by hand");
    const report = await renderStages([renders("app", { "a.txt": "a" })], { config: {}, outputDirectory: out, prune: true });
    expect(report).toEqual({ new: [], updated: [], unchanged: ["a.txt"], untracked: [], pruned: [], kept: ["plugin.tf"] });
    expect(await readFile(join(out, "plugin.tf"), "utf8")).toBe("rendered, then edited by hand");
  });

  it("keeps a listed path that is now a symbolic link, and deletes nothing through it", async () => {
    await renderStages([renders("plugin", { "dir/plugin.tf": "x" })], { config: {}, outputDirectory: out, prune: true });
    const elsewhere = join(root, "elsewhere");
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, "plugin.tf"), "x");
    execFileSync("rm", ["-r", join(out, "dir")]);
    await symlink(elsewhere, join(out, "dir"));
    const report = await renderStages([], { config: {}, outputDirectory: out, prune: true });
    expect(report).toMatchObject({ pruned: [], kept: ["dir/plugin.tf"] });
    expect(await readFile(join(elsewhere, "plugin.tf"), "utf8")).toBe("x");
    expect(await readlink(join(out, "dir"))).toBe(elsewhere);
  });
});

describe("Rendered paths that are not plain files under plain directories", () => {
  it("refuses a named pipe at a rendered path at once instead of blocking forever", { timeout: 5_000 }, async () => {
    execFileSync("mkfifo", [join(out, "pipe.txt")]);
    const error = await rejectionOf(renderStages([renders("app", { "pipe.txt": "x" })], { config: {}, outputDirectory: out }));
    expect(error).toBeInstanceOf(StageRenderPathError);
    expect(error).toMatchObject({ stage: "app", path: "pipe.txt", problem: "not-regular" });
  });

  it("refuses a symbolic link inside the output directory, even one that stays inside", async () => {
    await mkdir(join(out, "real"));
    await symlink(join(out, "real"), join(out, "alias"));
    await writeFile(join(out, "b.txt"), "b");
    await symlink(join(out, "b.txt"), join(out, "a.txt"));
    for (const path of ["alias/x.txt", "a.txt"]) {
      const error = await rejectionOf(renderStages([renders("app", { [path]: "x" })], { config: {}, outputDirectory: out }));
      expect(error).toMatchObject({ code: "HOOKSMITH_INVALID_RENDER_PATH", problem: "symlink", path });
    }
    expect(await listTree(join(out, "real"))).toEqual([]);
    expect(await readFile(join(out, "b.txt"), "utf8")).toBe("b");
  });

  it("refuses a path through a symbolic link loop with a coded error, not ELOOP", async () => {
    await symlink(join(out, "loop"), join(out, "loop"));
    const error = await rejectionOf(renderStages([renders("app", { "loop/x.txt": "x" })], { config: {}, outputDirectory: out }));
    expect(error).toBeInstanceOf(StageRenderPathError);
    expect(error).toMatchObject({ problem: "symlink", path: "loop/x.txt" });
  });

  it("refuses a NUL character with a coded error, not ERR_INVALID_ARG_VALUE", async () => {
    const error = await rejectionOf(renderStages([renders("app", { "a\0b.txt": "x" })], { config: {}, outputDirectory: out }));
    expect(error).toBeInstanceOf(StageRenderPathError);
    expect(error).toMatchObject({ problem: "unusable", stage: "app" });
    expect((error as Error).message).toBe(
      `Invalid render path ${JSON.stringify("a\0b.txt")} from stage "app": the file system cannot use it (the path contains a NUL character)`,
    );
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("refuses an over-long name with a coded error whose cause is ENAMETOOLONG", async () => {
    const long = `${"x".repeat(300)}.txt`;
    const error = await rejectionOf(
      renderStages([renders("ok", { "a.txt": "a" }), renders("app", { [long]: "x" })], { config: {}, outputDirectory: out }),
    );
    expect(error).toBeInstanceOf(StageRenderPathError);
    expect(error).toMatchObject({ problem: "unusable", stage: "app", path: long, cause: { code: "ENAMETOOLONG" } });
    expect(await listTree(out)).toEqual([]);
  });
});
