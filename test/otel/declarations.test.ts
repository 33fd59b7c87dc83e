// The declarations of hooksmith/otel compile for a user who does not have @opentelemetry/api
// installed: the entry's public types are structural, and only its JavaScript imports the API.
// The test emits the declarations of the entry and of everything they import (as the build's
// tsc does), puts them in a package folder outside the repository (so
// that no node_modules with @opentelemetry is reachable), and type-checks a consumer against it.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("../../src/", import.meta.url));
const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2023,
  declaration: true,
  isolatedDeclarations: true,
  allowImportingTsExtensions: true,
  strict: true,
};

let folder: string;
const declarations = new Map<string, string>();

/**
 * Emits the declarations of the entry and of every source it imports, as the build's tsc does
 * (src/ as the root), keyed by their path under dist/.
 */
function emit(entry: string): void {
  const program = ts.createProgram([entry], {
    ...compilerOptions,
    rootDir: src,
    outDir: "/virtual-dist",
    emitDeclarationOnly: true,
    rewriteRelativeImportExtensions: true,
    skipLibCheck: true,
    types: ["node"],
  });
  const result = program.emit(undefined, (fileName, text) => {
    declarations.set(relative("/virtual-dist", fileName), text);
  });
  expect(result.diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"))).toEqual([]);
}

beforeAll(async () => {
  emit(join(src, "otel/index.ts"));
  folder = await mkdtemp(join(tmpdir(), "hooksmith-otel-types-"));
  const packageDir = join(folder, "node_modules", "hooksmith");
  for (const [path, text] of declarations) {
    const target = join(packageDir, "dist", path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  await writeFile(
    join(packageDir, "package.json"),
    JSON.stringify({ name: "hooksmith", type: "module", exports: { "./otel": { types: "./dist/otel/index.d.ts" } } }),
  );
}, 120_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

// A whole-program emit and a type check with the DOM library: seconds, more on a busy machine.
describe("hooksmith/otel declarations", { timeout: 120_000 }, () => {
  it("import no OpenTelemetry package", () => {
    expect(declarations.size).toBeGreaterThan(3);
    const imports = [...declarations].flatMap(([path, text]) =>
      ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => `${path}: ${fileName}`),
    );
    expect(imports.filter((line) => !/: \.{1,2}\//.test(line))).toEqual([]);
  });

  it("type-check in a project without @opentelemetry/api", async () => {
    const consumer = join(folder, "consumer.ts");
    await writeFile(
      consumer,
      `import { otelAttributes, traceHooks, traceStages, type OtelSpan, type OtelTracer } from "hooksmith/otel";

// A tracer of the user's own making fits the structural types.
const span: OtelSpan = { setAttribute: () => undefined, recordException: () => undefined, setStatus: () => undefined, end: () => undefined };
const tracer: OtelTracer = { startSpan: () => span };
declare const pm: Parameters<typeof traceHooks>[0];
const tracing = traceHooks(pm, { tracer, implementations: false });
tracing.stop();
const onProgress = traceStages({ tracer });
onProgress({ type: "start", flow: "deploy", stage: "network", phase: "deploy", index: 0 });
export const name: "hooksmith.hook.name" = otelAttributes.hookName;
`,
    );
    const program = ts.createProgram([consumer], {
      ...compilerOptions,
      declaration: false,
      isolatedDeclarations: false,
      noEmit: true,
      types: [],
      skipLibCheck: false,
      // As in the repository: Symbol.dispose (HookTracing is disposable) is in esnext.disposable.
      // A user's own libs: the DOM (or @types/node) for AbortSignal and URL.
      lib: ["lib.es2023.d.ts", "lib.esnext.disposable.d.ts", "lib.dom.d.ts"],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file === undefined ? "" : `${relative(folder, diagnostic.file.fileName)}: `;
      return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    });
    expect(problems).toEqual([]);
  });
});
