// The runtime matrix (`npm run test:runtimes`, issue 13): the core program (program/core-program.js)
// runs on the built, packed and installed package in every runtime of matrix.ts and must print
// the golden transcript (expected/core-program.txt), whose `{{placeholders}}` are the only lines
// that may differ by runtime. Each runtime's transcript is also written to
// .tmp/runtimes/transcripts/<id>.txt. See docs/runtimes.md.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareConsumer, type ConsumerProject } from "./consumer.ts";
import { installBinary } from "./install.ts";
import { runtimeCases, workerdCompatibilityDate, type RuntimeCase, type RuntimeLines } from "./matrix.ts";
import { binaryVersion, runChromium, runCommand, runWorkerd, type ProgramRun } from "./run.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cache = join(root, ".tmp", "runtimes");
const golden = fileURLToPath(new URL("./expected/core-program.txt", import.meta.url));

let project: ConsumerProject;
const timings: Array<{ id: string; version: string; ms: number; passed: boolean }> = [];

beforeAll(async () => {
  project = await prepareConsumer();
  await mkdir(join(cache, "transcripts"), { recursive: true });
}, 180_000);

afterAll(async () => {
  if (project !== undefined) await rm(project.dir, { recursive: true, force: true });
  if (timings.length > 0) {
    const rows = timings.map(
      ({ id, version, ms, passed }) => `  ${passed ? "ok  " : "FAIL"} ${id.padEnd(20)} ${version.padEnd(40)} ${ms} ms`,
    );
    console.log(`runtime matrix:\n${rows.join("\n")}`);
  }
});

/** The golden transcript with a runtime's values in place of its `{{placeholders}}`. */
async function expectedTranscript(lines: RuntimeLines): Promise<string> {
  const text = await readFile(golden, "utf8");
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = (lines as unknown as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`expected/core-program.txt: no value for {{${name}}}`);
    return value;
  });
}

/** The warning lines of a transcript, as `Name: message`. */
function warningsOf(transcript: string): string[] {
  return transcript
    .split("\n")
    .filter((line) => line.startsWith("warning via "))
    .map((line) => line.replace(/^warning via [^:]+: /, ""));
}

/** The Chromium binary: $HOOKSMITH_CHROMIUM, else Debian's /usr/bin/chromium, else `chromium` on the PATH. */
function chromiumBinary(): string {
  const configured = process.env["HOOKSMITH_CHROMIUM"];
  if (configured !== undefined && configured !== "") return configured;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("Chromium not found: install Debian's chromium (apt-get install chromium) or set HOOKSMITH_CHROMIUM");
  }
}

async function runCase(runtime: RuntimeCase): Promise<{ run: ProgramRun; version: string }> {
  if (runtime.kind === "chromium") {
    const binary = chromiumBinary();
    return { run: await runChromium(binary, project, runtime.strictCsp === true), version: await binaryVersion(binary) };
  }
  const binary = await installBinary(join(cache, "bin"), runtime.binary!);
  const version = await binaryVersion(binary);
  if (runtime.version !== undefined && !version.startsWith(runtime.version)) {
    throw new Error(`${runtime.id}: expected version ${runtime.version}, the binary says ${version}`);
  }
  switch (runtime.kind) {
    case "node":
      return { run: await runCommand(binary, [...(runtime.flags ?? []), project.nodeEntry], project, {}), version };
    case "deno":
      // Read access to the project only: what loadEntrypoints needs (it reads node_modules).
      return {
        run: await runCommand(
          binary,
          ["run", "--no-prompt", "--no-lock", `--allow-read=${project.dir}`, project.nodeEntry],
          project,
          {
            DENO_DIR: join(cache, "deno-dir"),
            DENO_NO_UPDATE_CHECK: "1",
          },
        ),
        version,
      };
    case "bun":
      return {
        run: await runCommand(binary, ["--no-install", project.nodeEntry], project, { BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0" }),
        version,
      };
    case "workerd": {
      const date = runtime.compatibilityDate ?? workerdCompatibilityDate(runtime.binary!.version);
      return {
        run: await runWorkerd(binary, date, project),
        version: `workerd ${runtime.binary!.version}, compatibility date ${date}`,
      };
    }
  }
}

describe("the core program on every runtime", () => {
  it.each(runtimeCases.map((runtime) => [runtime.id, runtime] as const))(
    "%s prints the golden transcript",
    async (id, runtime) => {
      const started = performance.now();
      const entry = { id, version: "?", ms: 0, passed: false };
      timings.push(entry);
      const { run, version } = await runCase(runtime);
      entry.version = version;
      await writeFile(join(cache, "transcripts", `${id}.txt`), run.transcript);

      expect(run.transcript).toBe(await expectedTranscript(runtime.lines));
      // The warnings also reached the runtime's own output: Node, Deno and Bun print what
      // process.emitWarning receives on standard error, workerd and Chromium log console.warn there.
      for (const warning of warningsOf(run.transcript)) expect(run.stderr).toContain(warning);
      if (runtime.kind === "chromium") {
        // Under the strict policy the core tried to compile once, however many plans got hot.
        expect(run.violations).toEqual(runtime.strictCsp === true ? ["script-src eval", "script-src eval"] : []);
      }
      entry.ms = Math.round(performance.now() - started);
      entry.passed = true;
    },
    120_000,
  );
});
