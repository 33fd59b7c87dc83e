// Every runnable example ends with an `// Output:` block; running it must print exactly that, so the
// examples (and the README quick start they mirror) cannot rot.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const examplesDir = new URL("../../examples/", import.meta.url);
const tsx = fileURLToPath(new URL("../../node_modules/tsx/dist/cli.mjs", import.meta.url));

const examples = readdirSync(examplesDir)
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
  .map((file) => ({ file, source: readFileSync(new URL(file, examplesDir), "utf8") }))
  .filter(({ source }) => source.includes("\n// Output:\n"));

function expectedOutput(source: string): string {
  const block = source.slice(source.indexOf("\n// Output:\n") + "\n// Output:\n".length);
  return block
    .split("\n")
    .filter((line) => line.startsWith("//"))
    .map((line) => line.replace(/^\/\/ ?/, ""))
    .join("\n");
}

describe("examples", () => {
  it("has runnable examples with an Output block", () => {
    expect(examples.map(({ file }) => file)).toContain("quick-start.ts");
  });

  it.each(examples)("$file prints its Output block", async ({ file, source }) => {
    const { stdout } = await run(process.execPath, [tsx, `examples/${file}`], { cwd: root });
    expect(stdout.trimEnd()).toBe(expectedOutput(source).trimEnd());
  });
});
