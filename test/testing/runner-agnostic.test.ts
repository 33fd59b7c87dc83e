// hooksmith/testing works under any test runner: it imports none, and the example plugins'
// tests pass under node:test too (run in a child process, TypeScript through tsx).
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const sources = fileURLToPath(new URL("../../src/testing/", import.meta.url));

describe("hooksmith/testing and test runners", () => {
  it("imports no test runner and no command-line framework", async () => {
    const files = (await readdir(sources, { recursive: true })).filter((file) => file.endsWith(".ts"));
    expect(files).toContain("index.ts");
    const imports: string[] = [];
    for (const file of files) {
      const source = await readFile(`${sources}${file}`, "utf8");
      for (const match of source.matchAll(/^(?:import|export)\b[^;]*?from\s+"([^"]+)"/gm)) imports.push(match[1]!);
    }
    const external = [...new Set(imports.filter((specifier) => !specifier.startsWith(".")))].sort();
    // Only the harness's file operations (src/testing/node/, loaded through #platform) touch Node.
    expect(external).toEqual(["node:fs/promises", "node:os", "node:path"]);
  });

  it("runs the example plugins' checks under node:test", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "--test", "test/testing/fixtures/hello-world.node-test.ts"],
      {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: "" },
      },
    );
    expect(stdout).toMatch(/^# tests 4$/m);
    expect(stdout).toMatch(/^# pass 4$/m);
    expect(stdout).toMatch(/^# fail 0$/m);
  });
});
