// The HelloWorldStage of the API contract (design/API.md, "Stages"), end to end on real files,
// and a check that the contract's snippet type-checks as a plugin author would write it.
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  deployStages,
  destroyStages,
  NebariStage,
  renderStages,
  resolveStages,
  type StageOutputs,
  type StageStatus,
} from "../../src/index.ts";
import { apiMdHelloWorldPlugin } from "../support/api-md-hello-world.ts";
import { tempDirectory } from "./helpers.ts";

const events: string[] = [];

// The contract's class, with the `override` modifiers and bracket access this repository's
// stricter tsconfig requires (noImplicitOverride, noPropertyAccessFromIndexSignature).
class HelloWorldStage extends NebariStage {
  static override stageName = "hello_world";
  static override priority = 100;
  override render() {
    return { "hello_world.txt": "File that says hello world" };
  }
  override async *deploy(stageOutputs: StageOutputs) {
    process.env["HELLO"] = "WORLD";
    stageOutputs[this.name] = { hello: "world" };
    yield;
    delete process.env["HELLO"];
  }
  override check() {
    if (!process.env["HELLO"]) throw new Error("stage did not deploy");
    events.push(`check saw HELLO=${process.env["HELLO"]}`);
  }
  override async *destroy(_stageOutputs: StageOutputs, _status: StageStatus) {
    events.push("destroy prepared");
    yield;
    events.push("destroyed");
  }
}

/** A later stage that sees the environment the hello world stage set up. */
class LaterStage extends NebariStage {
  static override stageName = "later";
  static override priority = 110;
  override deploy(stageOutputs: StageOutputs) {
    stageOutputs[this.name] = { sawHello: process.env["HELLO"] };
  }
}

let out: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  ({ path: out, remove } = await tempDirectory());
  events.length = 0;
  delete process.env["HELLO"];
});
afterEach(async () => {
  delete process.env["HELLO"];
  await remove();
});

describe("HelloWorldStage end to end", () => {
  it("renders its file", async () => {
    const report = await renderStages([HelloWorldStage], { config: {}, outputDirectory: out });
    expect(report).toEqual({ new: ["hello_world.txt"], updated: [], unchanged: [], untracked: [], kept: [] });
    expect(await readFile(join(out, "hello_world.txt"), "utf8")).toBe("File that says hello world");
  });

  it("deploys: sets HELLO, check sees it, later stages see it, and it is gone after the deploy unwinds", async () => {
    const stages = resolveStages([LaterStage, HelloWorldStage]);
    const stageOutputs = await deployStages(stages, { config: {}, outputDirectory: out });
    expect(events).toEqual(["check saw HELLO=WORLD"]);
    expect(stageOutputs).toEqual({ hello_world: { hello: "world" }, later: { sawHello: "WORLD" } });
    expect(process.env["HELLO"]).toBeUndefined();
  });

  it("fails the deploy when check does not see HELLO", async () => {
    class Forgetful extends HelloWorldStage {
      override async *deploy() {
        yield;
      }
    }
    await expect(deployStages([Forgetful], { config: {}, outputDirectory: out })).rejects.toThrow(
      'Stage "hello_world" failed its check: stage did not deploy',
    );
  });

  it("destroys", async () => {
    await expect(destroyStages([HelloWorldStage], { config: {}, outputDirectory: out })).resolves.toEqual({
      status: { hello_world: true },
      skipped: [],
    });
    expect(events).toEqual(["destroy prepared", "destroyed"]);
  });
});

describe("the API.md HelloWorldStage snippet", () => {
  const snippet = apiMdHelloWorldPlugin;

  it("type-checks under strict settings", () => {
    const root = fileURLToPath(new URL("../../", import.meta.url));
    const virtual = join(root, "test/stages/__virtual__");
    const files = new Map<string, string>([[join(virtual, "hello-world.ts"), snippet]]);
    // Until the hooksmith/nebari preset exists, a stand-in exports what the snippet imports.
    let nebari = join(root, "src/nebari/index.ts");
    if (!existsSync(nebari)) {
      nebari = join(virtual, "nebari.ts");
      files.set(
        nebari,
        `import { HookimplMarker, NebariStage } from "hooksmith";\nexport const hookimpl = HookimplMarker("nebari");\nexport { NebariStage };\n`,
      );
    }
    const options: ts.CompilerOptions = {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2023,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ["node"],
      typeRoots: [join(root, "node_modules/@types")],
      allowImportingTsExtensions: true,
      noEmit: true,
      skipLibCheck: true,
      baseUrl: root,
      paths: { hooksmith: [join(root, "src/index.ts")], "hooksmith/nebari": [nebari] },
    };
    const host = ts.createCompilerHost(options);
    const { fileExists, readFile: readHostFile, getSourceFile } = host;
    host.fileExists = (file) => files.has(file) || fileExists.call(host, file);
    host.readFile = (file) => files.get(file) ?? readHostFile.call(host, file);
    host.getSourceFile = (file, language, ...rest) => {
      const text = files.get(file);
      return text === undefined ? getSourceFile.call(host, file, language, ...rest) : ts.createSourceFile(file, text, language);
    };
    const program = ts.createProgram([join(virtual, "hello-world.ts")], options, host);
    const source = program.getSourceFile(join(virtual, "hello-world.ts"));
    expect(source).toBeDefined();
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    expect(diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"))).toEqual([]);
  }, 60_000);
});
