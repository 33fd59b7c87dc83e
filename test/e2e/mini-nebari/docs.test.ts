// The documentation a newcomer reads: the README's quick start is the tested example, every
// relative link of the README and the guides leads somewhere, the index lists every guide, and
// the program of docs/concepts.md prints what it says it prints.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { cliTimeout, repo } from "./helpers.ts";

const run = promisify(execFile);
const read = (path: string): string => readFileSync(join(repo, path), "utf8");
const guides = readdirSync(join(repo, "docs")).filter((file) => file.endsWith(".md"));
const documents = ["README.md", "examples/mini-nebari/README.md", ...guides.map((file) => `docs/${file}`)];

/** The fenced code blocks of a markdown text, with their language. */
function codeBlocks(markdown: string): { language: string; code: string }[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({ language: match[1]!, code: match[2]! }));
}

/** GitHub's anchors of a markdown text's headings. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const outsideCode = markdown.replace(/^```[\s\S]*?^```$/gm, "");
  for (const [, heading] of outsideCode.matchAll(/^#{1,6} +(.+)$/gm)) {
    const slug = heading!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

/** The relative links of a markdown text (outside code), as `[target, anchor]`. */
function relativeLinks(markdown: string): { target: string; anchor: string | undefined }[] {
  const outsideCode = markdown.replace(/^```[\s\S]*?^```$/gm, "").replace(/`[^`\n]*`/g, "");
  return [...outsideCode.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((href) => !/^[a-z]+:/i.test(href))
    .map((href) => {
      const [target, anchor] = href.split("#");
      return { target: target!, anchor };
    });
}

describe("the README", () => {
  it("shows examples/quick-start.ts, the tested example, as its quick start", () => {
    const example = read("examples/quick-start.ts");
    const quickStart = read("README.md").split("## Quick start")[1]!;
    const [block] = codeBlocks(quickStart);
    expect(block?.language).toBe("ts");
    expect(block?.code).toBe(example.slice(example.indexOf("import ")));
  });

  it("gives the two commands of the quick start", () => {
    expect(read("README.md")).toContain("npm ci && npm run demo");
    expect(read("README.md")).toContain("npm test ");
  });
});

describe("the documentation", () => {
  it.each(documents)("%s: every relative link leads to an existing file and heading", (document) => {
    const broken: string[] = [];
    for (const { target, anchor } of relativeLinks(read(document))) {
      const path = target === "" ? join(repo, document) : resolve(dirname(join(repo, document)), target);
      if (!existsSync(path)) {
        broken.push(`${target} (no such file)`);
        continue;
      }
      if (anchor !== undefined && path.endsWith(".md") && !anchors(readFileSync(path, "utf8")).has(anchor)) {
        broken.push(`${target}#${anchor} (no such heading in ${relative(repo, path)})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("has an index that links every guide", () => {
    const linked = new Set(relativeLinks(read("docs/README.md")).map(({ target }) => target));
    const missing = guides.filter((guide) => guide !== "README.md" && !linked.has(guide));
    expect(missing, "docs/README.md (the index) should link every guide; add a row for each of these").toEqual([]);
  });

  it("is linked from the README, every guide", () => {
    const linked = new Set(relativeLinks(read("README.md")).map(({ target }) => target));
    const missing = guides.filter((guide) => !linked.has(`docs/${guide}`));
    expect(missing, "README.md's Documentation section should link every guide; add these").toEqual([]);
  });
});

describe("docs/concepts.md", { timeout: cliTimeout }, () => {
  it("has a car program that prints its Output block", async () => {
    const [block] = codeBlocks(read("docs/concepts.md")).filter(({ code }) => code.includes("\n// Output:\n"));
    expect(block).toBeDefined();
    const expected = block!.code
      .slice(block!.code.indexOf("\n// Output:\n") + "\n// Output:\n".length)
      .split("\n")
      .filter((line) => line.startsWith("//"))
      .map((line) => line.replace(/^\/\/ ?/, ""))
      .join("\n");
    const folder = await mkdtemp(join(tmpdir(), "hooksmith-concepts-"));
    try {
      const file = join(folder, "car.mts");
      await writeFile(file, block!.code);
      const tsx = join(repo, "node_modules/tsx/dist/cli.mjs");
      const { stdout } = await run(process.execPath, [tsx, "--tsconfig", join(repo, "tsconfig.json"), file], {
        cwd: folder,
        encoding: "utf8",
      });
      expect(stdout.trimEnd()).toBe(expected.trimEnd());
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
