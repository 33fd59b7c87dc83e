// Every public export (of every entry point in package.json "exports") has JSDoc, and every
// exported function and class an @example, as the style guide asks.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { exports: Record<string, unknown> };
const entries = Object.keys(manifest.exports)
  .filter((subpath) => subpath !== "./package.json")
  .map((subpath) => (subpath === "." ? "src/index.ts" : `src/${subpath.slice(2)}/index.ts`))
  .filter((file) => existsSync(`${root}${file}`));

const program = ts.createProgram(
  entries.map((file) => `${root}${file}`),
  {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    allowImportingTsExtensions: true,
    noEmit: true,
    experimentalDecorators: false,
    skipLibCheck: true,
  },
);
const checker = program.getTypeChecker();

interface ExportDoc {
  entry: string;
  name: string;
  kind: "value" | "type";
  documented: boolean;
  hasExample: boolean;
  needsExample: boolean;
}

function exportDocs(): ExportDoc[] {
  const docs: ExportDoc[] = [];
  for (const entry of entries) {
    const source = program.getSourceFile(`${root}${entry}`);
    if (source === undefined) throw new Error(`cannot load ${entry}`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    for (const exported of checker.getExportsOfModule(moduleSymbol!)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.declarations ?? [];
      if (declarations.length === 0) continue;
      // A callable class merges an interface and a class: the docs of any declaration count.
      const text = declarations
        .flatMap((declaration) => ts.getJSDocCommentsAndTags(declaration))
        .map((node) => node.getText())
        .join("\n");
      const isValue = (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class)) !== 0;
      docs.push({
        entry,
        name: exported.name,
        kind: isValue ? "value" : "type",
        documented: /\/\*\*[\s\S]*?\w[\s\S]*?\*\//.test(text),
        hasExample: /@example/.test(text),
        needsExample: isValue,
      });
    }
  }
  return docs;
}

const docs = exportDocs();

describe("public API documentation", () => {
  it("finds the exports of every entry point", () => {
    expect(entries).toContain("src/index.ts");
    expect(docs.length).toBeGreaterThan(50);
  });

  it("gives every public export a JSDoc comment", () => {
    expect(docs.filter((doc) => !doc.documented).map((doc) => `${doc.entry}: ${doc.name}`)).toEqual([]);
  });

  it("gives every exported function and class an @example", () => {
    expect(docs.filter((doc) => doc.needsExample && !doc.hasExample).map((doc) => `${doc.entry}: ${doc.name}`)).toEqual([]);
  });
});
