import { createHash } from "node:crypto";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  NebariStage,
  RENDER_MANIFEST_FILE,
  renderStages,
  StageAbortError,
  StageContractError,
  StageError,
  StageRenderConflictError,
  StageRenderManifestError,
  StageRenderPathError,
  type RenderFiles,
  type StageClass,
  type StageProgressEvent,
} from "../../src/index.ts";
import { listTree, tempDirectory } from "./helpers.ts";
import { rejectionOf } from "../support/harness.ts";

/** Builds a stage that renders the given files (a function is called on each render). */
function renders(name: string, priority: number, files: RenderFiles | (() => RenderFiles | Promise<RenderFiles>)): StageClass {
  return class extends NebariStage {
    static override stageName = name;
    static override priority = priority;
    override render() {
      return typeof files === "function" ? files() : files;
    }
  };
}

let root: string;
let remove: () => Promise<void>;
let out: string;

beforeEach(async () => {
  ({ path: root, remove } = await tempDirectory());
  out = join(root, "out");
});
afterEach(async () => {
  await remove();
});

describe("renderStages", () => {
  it("merges the stages' files in order and writes them, creating directories", async () => {
    const report = await renderStages(
      [
        renders("bootstrap", 0, { ".gitignore": "node_modules\n", "ci/workflow.yml": "on: push\n" }),
        renders("infra", 20, { "stages/02-infrastructure/main.tf.json": "{}", "logo.bin": new Uint8Array([0, 1, 255]) }),
      ],
      { config: {}, outputDirectory: out },
    );
    expect(report).toEqual({
      new: [".gitignore", "ci/workflow.yml", "logo.bin", "stages/02-infrastructure/main.tf.json"],
      updated: [],
      unchanged: [],
      untracked: [],
      kept: [],
    });
    expect(await listTree(out)).toEqual(report.new);
    expect(await readFile(join(out, "ci/workflow.yml"), "utf8")).toBe("on: push\n");
    expect([...(await readFile(join(out, "logo.bin")))]).toEqual([0, 1, 255]);
  });

  it("writes only new and changed files and lists untracked ones without touching them", async () => {
    let version = 1;
    const stages = [renders("app", 1, () => ({ "same.txt": "same", "changing.txt": `v${version}` }))];
    await renderStages(stages, { config: {}, outputDirectory: out });
    await writeFile(join(out, "notes.md"), "mine");
    await mkdir(join(out, "docs"));
    await writeFile(join(out, "docs", "extra.txt"), "also mine");
    version = 2;
    const report = await renderStages(stages, { config: {}, outputDirectory: out });
    expect(report).toEqual({
      new: [],
      updated: ["changing.txt"],
      unchanged: ["same.txt"],
      untracked: ["docs/extra.txt", "notes.md"],
      kept: [],
    });
    expect(await readFile(join(out, "changing.txt"), "utf8")).toBe("v2");
    expect(await readFile(join(out, "notes.md"), "utf8")).toBe("mine");
  });

  it("writes nothing on a dry run, not even the output directory", async () => {
    const report = await renderStages([renders("app", 1, { "a.txt": "a" })], { config: {}, outputDirectory: out, dryRun: true });
    expect(report.new).toEqual(["a.txt"]);
    expect(await listTree(root)).toEqual([]);
  });

  it("reports updates on a dry run without writing them", async () => {
    await renderStages([renders("app", 1, { "a.txt": "old" })], { config: {}, outputDirectory: out });
    const report = await renderStages([renders("app", 1, { "a.txt": "new" })], {
      config: {},
      outputDirectory: out,
      dryRun: true,
    });
    expect(report.updated).toEqual(["a.txt"]);
    expect(await readFile(join(out, "a.txt"), "utf8")).toBe("old");
  });

  it("constructs each stage with outputDirectory and config", async () => {
    class Configured extends NebariStage<{ name: string }> {
      static override stageName = "configured";
      static override priority = 1;
      override render() {
        return { "name.txt": `${this.config.name} in ${this.outputDirectory}` };
      }
    }
    await renderStages([Configured], { config: { name: "demo" }, outputDirectory: out });
    expect(await readFile(join(out, "name.txt"), "utf8")).toBe(`demo in ${out}`);
  });

  it("rejects two stages rendering the same path, naming both, and writes nothing", async () => {
    const error = await rejectionOf(
      renderStages([renders("a", 1, { "x/file.txt": "a", "ok.txt": "ok" }), renders("b", 2, { "x/./file.txt": "b" })], {
        config: {},
        outputDirectory: out,
      }),
    );
    expect(error).toBeInstanceOf(StageRenderConflictError);
    expect((error as StageRenderConflictError).code).toBe("HOOKSMITH_RENDER_CONFLICT");
    expect((error as StageRenderConflictError).stages).toEqual(["a", "b"]);
    expect((error as Error).message).toMatchInlineSnapshot(`"Render conflict: stages "a" and "b" both render "x/file.txt""`);
    expect(await listTree(root)).toEqual([]);
  });

  it("rejects a file where another stage renders a directory", async () => {
    await expect(
      renderStages([renders("a", 1, { "x/y.txt": "a" }), renders("b", 2, { x: "b" })], { config: {}, outputDirectory: out }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[StageRenderConflictError: Render conflict: stage "a" renders "x/y.txt" and stage "b" renders "x"; one path is a directory of the other]`,
    );
    await expect(
      renderStages([renders("a", 1, { x: "a" }), renders("b", 2, { "x/y.txt": "b" })], { config: {}, outputDirectory: out }),
    ).rejects.toThrow(StageRenderConflictError);
  });

  it.each([
    ["/etc/passwd", "absolute"],
    ["C:/Windows/x", "absolute"],
    ["../outside.txt", "escapes"],
    ["a/../../outside.txt", "escapes"],
    ["..\\outside.txt", "escapes"],
    ["", "empty"],
    ["dir/", "not-a-file"],
    ["a/..", "not-a-file"],
    [RENDER_MANIFEST_FILE, "reserved"],
  ])("rejects the render path %j (%s) and writes nothing", async (path, problem) => {
    const error = await rejectionOf(
      renderStages([renders("ok", 1, { "fine.txt": "x" }), renders("bad", 2, { [path]: "x" })], {
        config: {},
        outputDirectory: out,
      }),
    );
    expect(error).toBeInstanceOf(StageRenderPathError);
    expect(error).toMatchObject({ stage: "bad", path, problem, code: "HOOKSMITH_INVALID_RENDER_PATH" });
    expect(await listTree(root)).toEqual([]);
  });

  it("explains a rejected path in the message", async () => {
    await expect(
      renderStages([renders("bad", 1, { "../x": "x" })], { config: {}, outputDirectory: out }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[StageRenderPathError: Invalid render path "../x" from stage "bad": it leaves the output directory]`,
    );
  });

  it("treats backslashes as separators and reports /-separated paths", async () => {
    const report = await renderStages([renders("win", 1, { "dir\\sub\\file.txt": "x" })], { config: {}, outputDirectory: out });
    expect(report.new).toEqual(["dir/sub/file.txt"]);
    expect(await listTree(out)).toEqual(["dir/sub/file.txt"]);
  });

  it("refuses to write through a symbolic link that leads out of the output directory", async () => {
    const elsewhere = join(root, "elsewhere");
    await mkdir(elsewhere);
    await mkdir(out);
    await symlink(elsewhere, join(out, "link"));
    const error = await rejectionOf(
      renderStages([renders("app", 1, { "link/file.txt": "x" })], { config: {}, outputDirectory: out }),
    );
    expect(error).toMatchObject({ problem: "symlink", stage: "app", path: "link/file.txt" });
    expect(await listTree(elsewhere)).toEqual([]);
  });

  it("wraps a failing render in StageError naming the stage, and writes nothing", async () => {
    const error = await rejectionOf(
      renderStages(
        [
          renders("ok", 1, { "a.txt": "a" }),
          renders("bad", 2, () => {
            throw new Error("template missing");
          }),
        ],
        { config: {}, outputDirectory: out },
      ),
    );
    expect(error).toBeInstanceOf(StageError);
    expect(error).toMatchObject({ stage: "bad", phase: "render", cause: new Error("template missing") });
    expect(await listTree(root)).toEqual([]);
  });

  it("rejects a render that does not return a file map", async () => {
    const error = await rejectionOf(
      renderStages([renders("bad", 1, (() => ["a.txt"]) as unknown as () => RenderFiles)], { config: {}, outputDirectory: out }),
    );
    expect((error as StageError).cause).toBeInstanceOf(StageContractError);
    expect((error as Error).message).toMatchInlineSnapshot(
      `"Stage "bad" failed to render: The render method of stage "bad" returned an array; it must return an object of relative path to string or Uint8Array"`,
    );
  });

  it("rejects contents that are neither a string nor a Uint8Array", async () => {
    await expect(
      renderStages([renders("bad", 1, { "a.json": { not: "text" } } as unknown as RenderFiles)], {
        config: {},
        outputDirectory: out,
      }),
    ).rejects.toThrow('returned an object for "a.json"; contents must be a string or a Uint8Array');
  });

  it("awaits an async render", async () => {
    const report = await renderStages([renders("async", 1, async () => ({ "a.txt": "a" }))], {
      config: {},
      outputDirectory: out,
    });
    expect(report.new).toEqual(["a.txt"]);
  });

  it("has no side effects outside the output directory", async () => {
    const pluginDirectory = join(root, "plugin");
    await mkdir(join(pluginDirectory, "template"), { recursive: true });
    await writeFile(join(pluginDirectory, "template", "main.tf"), "resource {}");
    await renderStages([renders("plugin", 1, { "stages/plugin/main.tf": "resource {}" })], { config: {}, outputDirectory: out });
    expect(await listTree(root)).toEqual(["out/stages/plugin/main.tf", "plugin/template/main.tf"]);
  });

  it("leaves .git and node_modules out of the untracked list by default, and takes an ignore function", async () => {
    await mkdir(join(out, ".git"), { recursive: true });
    await writeFile(join(out, ".git", "HEAD"), "ref");
    await mkdir(join(out, "node_modules", "x"), { recursive: true });
    await writeFile(join(out, "node_modules", "x", "index.js"), "");
    await writeFile(join(out, "keep.log"), "");
    const stages = [renders("app", 1, { "a.txt": "a" })];
    expect((await renderStages(stages, { config: {}, outputDirectory: out })).untracked).toEqual(["keep.log"]);
    const report = await renderStages(stages, { config: {}, outputDirectory: out, ignore: (path) => path.endsWith(".log") });
    expect(report.untracked).toEqual([".git/HEAD", "node_modules/x/index.js"]);
  });

  it("reports each stage's render to onProgress", async () => {
    const events: StageProgressEvent[] = [];
    await renderStages([renders("a", 1, {}), renders("b", 2, {})], {
      config: {},
      outputDirectory: out,
      onProgress: (event) => events.push(event),
    });
    expect(events.map((event) => `${event.flow} ${event.type} ${event.stage} ${event.phase}`)).toEqual([
      "render start a render",
      "render finish a render",
      "render start b render",
      "render finish b render",
    ]);
  });

  it("rejects with a throwing progress callback's error before writing anything", async () => {
    const error = await rejectionOf(
      renderStages([renders("a", 1, { "a.txt": "a" }), renders("b", 2, { "b.txt": "b" })], {
        config: {},
        outputDirectory: out,
        onProgress: (event) => {
          if (event.stage === "a" && event.type === "finish") throw new Error("display broke");
        },
      }),
    );
    expect(error).toMatchObject({ stage: "a", phase: "progress", cause: new Error("display broke") });
    expect(await listTree(root)).toEqual([]);
  });

  it("stops between stages when its signal is aborted, before writing anything", async () => {
    const controller = new AbortController();
    const stages = [
      renders("a", 1, () => {
        controller.abort(new Error("stop"));
        return { "a.txt": "a" };
      }),
      renders("b", 2, { "b.txt": "b" }),
    ];
    const error = await rejectionOf(renderStages(stages, { config: {}, outputDirectory: out, signal: controller.signal }));
    expect(error).toBeInstanceOf(StageAbortError);
    expect(error).toMatchObject({ flow: "render", stage: "b", completed: ["a"] });
    expect(await listTree(root)).toEqual([]);
  });
});

describe("renderStages prune", () => {
  it("deletes files a stage rendered earlier but no stage renders now, with directories left empty", async () => {
    const app = renders("app", 1, { "app.txt": "app" });
    const plugin = renders("plugin", 2, { "stages/plugin/main.tf": "x", "stages/plugin/vars.tf": "y" });
    await renderStages([app, plugin], { config: {}, outputDirectory: out, prune: true });
    await writeFile(join(out, "mine.txt"), "never rendered");
    const report = await renderStages([app], { config: {}, outputDirectory: out, prune: true });
    expect(report).toEqual({
      new: [],
      updated: [],
      unchanged: ["app.txt"],
      untracked: ["mine.txt"],
      kept: [],
      pruned: ["stages/plugin/main.tf", "stages/plugin/vars.tf"],
    });
    expect(await listTree(out)).toEqual([RENDER_MANIFEST_FILE, "app.txt", "mine.txt"]);
    expect(JSON.parse(await readFile(join(out, RENDER_MANIFEST_FILE), "utf8"))).toEqual({
      version: 2,
      files: { "app.txt": { stage: "app", sha256: createHash("sha256").update("app").digest("hex") } },
    });
  });

  it("prunes a file a stage stopped rendering", async () => {
    let files: RenderFiles = { "a.txt": "a", "old.txt": "old" };
    const stages = [renders("app", 1, () => files)];
    await renderStages(stages, { config: {}, outputDirectory: out, prune: true });
    files = { "a.txt": "a" };
    expect((await renderStages(stages, { config: {}, outputDirectory: out, prune: true })).pruned).toEqual(["old.txt"]);
  });

  it("lists what it would prune on a dry run and deletes nothing", async () => {
    await renderStages([renders("gone", 1, { "gone.txt": "x" })], { config: {}, outputDirectory: out, prune: true });
    const report = await renderStages([renders("app", 1, { "a.txt": "a" })], {
      config: {},
      outputDirectory: out,
      prune: true,
      dryRun: true,
    });
    expect(report.pruned).toEqual(["gone.txt"]);
    expect(report.untracked).toEqual([]);
    expect(await listTree(out)).toEqual([RENDER_MANIFEST_FILE, "gone.txt"]);
  });

  it("does not prune, list or keep a manifest without prune", async () => {
    await renderStages([renders("gone", 1, { "gone.txt": "x" })], { config: {}, outputDirectory: out });
    const report = await renderStages([renders("app", 1, { "a.txt": "a" })], { config: {}, outputDirectory: out });
    expect(report).toEqual({ new: ["a.txt"], updated: [], unchanged: [], untracked: ["gone.txt"], kept: [] });
    expect(await listTree(out)).toEqual(["a.txt", "gone.txt"]);
  });

  it("rejects a manifest that is not valid, before changing anything", async () => {
    await mkdir(out);
    await writeFile(join(out, RENDER_MANIFEST_FILE), "{ nope");
    const error = await rejectionOf(
      renderStages([renders("app", 1, { "a.txt": "a" })], { config: {}, outputDirectory: out, prune: true }),
    );
    expect(error).toBeInstanceOf(StageRenderManifestError);
    expect((error as StageRenderManifestError).code).toBe("HOOKSMITH_INVALID_RENDER_MANIFEST");
    expect(await listTree(out)).toEqual([RENDER_MANIFEST_FILE]);
  });

  it("refuses a manifest listing a path outside the output directory", async () => {
    await mkdir(out);
    await writeFile(join(root, "victim.txt"), "keep me");
    await writeFile(join(out, RENDER_MANIFEST_FILE), JSON.stringify({ version: 1, files: { "../victim.txt": "evil" } }));
    await expect(renderStages([], { config: {}, outputDirectory: out, prune: true })).rejects.toThrow(StageRenderManifestError);
    expect(await readFile(join(root, "victim.txt"), "utf8")).toBe("keep me");
  });

  it("replaces a pruned file by a directory of the same name", async () => {
    let files: RenderFiles = { x: "file" };
    const stages = [renders("app", 1, () => files)];
    await renderStages(stages, { config: {}, outputDirectory: out, prune: true });
    files = { "x/inside.txt": "now a directory" };
    const report = await renderStages(stages, { config: {}, outputDirectory: out, prune: true });
    expect(report).toMatchObject({ new: ["x/inside.txt"], pruned: ["x"] });
    expect(await readFile(join(out, "x", "inside.txt"), "utf8")).toBe("now a directory");
  });
});
