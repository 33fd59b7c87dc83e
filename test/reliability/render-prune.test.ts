// Property test of renderStages with prune (issue 14, items 1 and 2): random sequences of
// renders (each rendering a random set of files with random contents) and of edits a user makes
// between them (rewriting, creating or deleting files). After every render: prune deleted only
// files no stage renders now whose content was still exactly what a render had written; every
// other file that was there is still there, unchanged; `kept` lists what prune left; the
// rendered files have their rendered content.
// Fixed seed and bounded runs; HOOKSMITH_PROPERTY_RUNS=5000 runs longer.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NebariStage, RENDER_MANIFEST_FILE, renderStages, type RenderFiles } from "hooksmith";
import { listTree, tempDirectory } from "../stages/helpers.ts";

const runs = Number(process.env["HOOKSMITH_PROPERTY_RUNS"] ?? 100);
const timeout = Math.max(60_000, runs * 300);

const paths = ["a.txt", "b.txt", "d/c.txt", "d/e.txt"] as const;
const contents = ["one", "two", "three"] as const;

type Step =
  | { readonly kind: "render"; readonly files: Readonly<Record<string, string>> }
  | { readonly kind: "edit"; readonly path: string; readonly content: string }
  | { readonly kind: "delete"; readonly path: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("render" as const),
    files: fc.dictionary(fc.constantFrom(...paths), fc.constantFrom(...contents), { maxKeys: paths.length }),
  }),
  fc.record({
    kind: fc.constant("edit" as const),
    path: fc.constantFrom(...paths),
    content: fc.constantFrom(...contents, "mine"),
  }),
  fc.record({ kind: fc.constant("delete" as const), path: fc.constantFrom(...paths) }),
);

/** What is on disk: path to content, hooksmith's manifest left out. */
async function snapshot(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const path of await listTree(root)) {
    if (path !== RENDER_MANIFEST_FILE) files.set(path, await readFile(join(root, path), "utf8"));
  }
  return files;
}

describe("renderStages with prune, under random renders and edits", () => {
  it("deletes only what it rendered and nobody changed, and keeps everything else", { timeout }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const { path: root, remove } = await tempDirectory();
        try {
          // The content the last render that rendered each path wrote there.
          const written = new Map<string, string>();
          for (const current of steps) {
            if (current.kind === "edit") {
              await mkdir(dirname(join(root, current.path)), { recursive: true });
              await writeFile(join(root, current.path), current.content);
              continue;
            }
            if (current.kind === "delete") {
              await rm(join(root, current.path), { force: true });
              continue;
            }
            const files: RenderFiles = current.files;
            class Rendering extends NebariStage {
              static override stageName = "rendering";
              static override priority = 1;
              override render(): RenderFiles {
                return files;
              }
            }
            const before = await snapshot(root);
            const report = await renderStages([Rendering], { config: {}, outputDirectory: root, prune: true });
            const after = await snapshot(root);

            for (const [path, content] of Object.entries(files)) expect(after.get(path)).toBe(content);
            for (const [path, content] of before) {
              if (Object.hasOwn(files, path)) continue;
              if (!after.has(path)) {
                // Deleted: it must be a prune of a file whose content was what a render wrote.
                expect(report.pruned).toContain(path);
                expect(content).toBe(written.get(path));
              } else {
                expect(after.get(path)).toBe(content);
              }
            }
            for (const path of report.kept) expect(after.has(path)).toBe(true);
            for (const path of report.pruned ?? []) expect(after.has(path)).toBe(false);
            for (const [path, content] of Object.entries(current.files)) written.set(path, content);
          }
        } finally {
          await remove();
        }
      }),
      { seed: 20261207, numRuns: runs },
    );
  });
});
