// The layers of src/ (docs/architecture.md): no import cycle between folders, core imports no
// other folder, and Node's modules only where the layout allows them. Read from the sources'
// import declarations (static and dynamic `import("…")` with a literal specifier).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("../src/", import.meta.url));
const files = readdirSync(src, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
  .map((entry) => join(entry.parentPath, entry.name));

/** The folder of a source file: its first path segment under src/ ("." for the entry files). */
const folderOf = (file: string): string => {
  const path = relative(src, file);
  return path.includes("/") ? path.slice(0, path.indexOf("/")) : ".";
};

interface Import {
  readonly from: string;
  readonly specifier: string;
  readonly typeOnly: boolean;
}

const imports: Import[] = files.flatMap((file) => {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly = ts.isImportDeclaration(node) ? (node.importClause?.isTypeOnly ?? false) : node.isTypeOnly;
      found.push({ from: file, specifier: node.moduleSpecifier.text, typeOnly });
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument !== undefined && ts.isStringLiteral(argument))
        found.push({ from: file, specifier: argument.text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
});

/** Folder-to-folder edges (relative imports only; `#platform` is bound by package.json, not a path). */
function folderEdges(includeTypes: boolean): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const { from, specifier, typeOnly } of imports) {
    if (!specifier.startsWith(".") || (typeOnly && !includeTypes)) continue;
    const [a, b] = [folderOf(from), folderOf(resolve(dirname(from), specifier))];
    if (a === b) continue;
    if (!edges.has(a)) edges.set(a, new Set());
    edges.get(a)!.add(b);
  }
  return edges;
}

function cycles(edges: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const walk = (node: string, path: string[]): void => {
    for (const next of edges.get(node) ?? []) {
      if (next === path[0]) found.push([...path, next]);
      else if (!path.includes(next) && next > path[0]!) walk(next, [...path, next]);
    }
  };
  for (const start of edges.keys()) walk(start, [start]);
  return found;
}

describe("the layers of src/", () => {
  it("have no import cycle between folders, type imports included", () => {
    expect(cycles(folderEdges(true))).toEqual([]);
  });

  it("let core import no other folder: the others reach it, and it reaches Node only through #platform", () => {
    expect([...(folderEdges(true).get("core") ?? [])]).toEqual([]);
  });

  it("keep the entry files to re-exports", () => {
    for (const entry of ["index.ts", "nebari/index.ts", "tapable/index.ts", "testing/index.ts"]) {
      const source = ts.createSourceFile(entry, readFileSync(join(src, entry), "utf8"), ts.ScriptTarget.Latest, true);
      const statements = source.statements.filter((statement) => !ts.isExportDeclaration(statement));
      expect({ entry, statements: statements.map((statement) => statement.getText().slice(0, 60)) }).toEqual({
        entry,
        statements: [],
      });
    }
  });

  it("import Node's modules only in src/discovery/, the node/ folders and the Node binding of #platform", () => {
    const allowed = (file: string): boolean =>
      folderOf(file) === "discovery" || relative(src, file).includes("/node/") || relative(src, file) === "platform/node.ts";
    const offenders = imports
      .filter(({ specifier, typeOnly }) => specifier.startsWith("node:") && !typeOnly)
      .filter(({ from }) => !allowed(from))
      .map(({ from, specifier }) => `${relative(src, from)} imports ${specifier}`);
    expect(offenders).toEqual([]);
  });
});
