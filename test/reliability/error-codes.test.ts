// Keeps docs/errors.md from rotting: every `HOOKSMITH_*` code that appears in src/ must be
// documented there, under the class that uses it, and no code may be shared by two classes.
//
// Which class uses a code is read from the sources with TypeScript's parser: a code string inside
// `new SomeError(…)` belongs to SomeError; one passed to a helper (`pluginLoadError("…")`,
// `wrapFail(…)`) belongs to the class the helper declares it returns or constructs; one in a type
// alias `SomeErrorCode = "…" | …` belongs to SomeError. Strings that only mention a code (a list
// of codes to compare with) are references, not uses.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const codePattern = /HOOKSMITH_[A-Z_]+/g;
const classPattern = /^[A-Z]\w*(Error|Warning)$/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

const files = sourceFiles(join(root, "src")).map((path) => {
  const text = readFileSync(path, "utf8");
  return { path: relative(root, path), text, ast: ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true) };
});

const docs = readFileSync(join(root, "docs/errors.md"), "utf8");

/** The name of the error or warning class an expression constructs with `new`, if any. */
function constructedClass(node: ts.Node): string | undefined {
  return ts.isNewExpression(node) && ts.isIdentifier(node.expression) && classPattern.test(node.expression.text)
    ? node.expression.text
    : undefined;
}

/** The classes a function body constructs. */
function classesConstructedIn(node: ts.Node): Set<string> {
  const found = new Set<string>();
  const visit = (child: ts.Node): void => {
    const name = constructedClass(child);
    if (name !== undefined) found.add(name);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

type FunctionLike = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration;

/** The one error class a helper produces: its declared return type, or the single class its body constructs. */
function producedClass(fn: FunctionLike): string | undefined {
  const declared = fn.type !== undefined && ts.isTypeReferenceNode(fn.type) ? fn.type.typeName.getText() : undefined;
  if (declared !== undefined && classPattern.test(declared)) return declared;
  const constructed = fn.body === undefined ? new Set<string>() : classesConstructedIn(fn.body);
  return constructed.size === 1 ? [...constructed][0] : undefined;
}

// Helper functions with the class each produces: by file (a local `fail` closure wins), and across
// src/ for imported helpers whose name is unique.
interface Helper {
  readonly position: number;
  readonly produced: string;
}
const localHelpers = new Map<string, Map<string, Helper[]>>();
const globalHelpers = new Map<string, Set<string>>();
for (const { path, ast } of files) {
  const local = new Map<string, Helper[]>();
  localHelpers.set(path, local);
  const add = (name: string, fn: FunctionLike): void => {
    const produced = producedClass(fn);
    if (produced === undefined) return;
    local.set(name, [...(local.get(name) ?? []), { position: fn.getStart(), produced }]);
    globalHelpers.set(name, new Set([...(globalHelpers.get(name) ?? []), produced]));
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name !== undefined)
      add(node.name.getText(), node);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer !== undefined) {
      if (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
        add(node.name.text, node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(ast);
}

/** The class a call of helper `name` at `position` of file `path` produces. */
function helperClass(path: string, name: string, position: number): string | undefined {
  const local = localHelpers.get(path)?.get(name);
  if (local !== undefined) {
    // The nearest declaration before the call (closures such as `fail` are declared just above their uses).
    const before = local.filter((helper) => helper.position <= position);
    return (before.at(-1) ?? local[0])!.produced;
  }
  const global = globalHelpers.get(name);
  return global?.size === 1 ? [...global][0] : undefined;
}

const pathOf = (node: ts.Node): string => relative(root, node.getSourceFile().fileName);

/** The class that uses the code string `literal`, or undefined when the string only mentions it. */
function classOf(literal: ts.Node): string | undefined {
  for (let node: ts.Node | undefined = literal.parent; node !== undefined; node = node.parent) {
    const constructed = constructedClass(node);
    if (constructed !== undefined) return constructed;
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      // `super(message, { code })` in an error class's constructor.
      if (callee.kind === ts.SyntaxKind.SuperKeyword) {
        let owner: ts.Node | undefined = node.parent;
        while (owner !== undefined && !ts.isClassDeclaration(owner)) owner = owner.parent;
        const name = owner?.name?.text;
        return name !== undefined && classPattern.test(name) ? name : undefined;
      }
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.getText()
          : undefined;
      const produced = name === undefined ? undefined : helperClass(pathOf(literal), name, node.getStart());
      if (produced !== undefined) return produced;
    }
    if (ts.isTypeAliasDeclaration(node)) {
      const owner = node.name.text.replace(/Code$/, "");
      return classPattern.test(owner) ? owner : undefined;
    }
    // A default parameter value: the code of the error the function throws.
    if (
      ts.isParameter(node) &&
      (ts.isArrowFunction(node.parent) || ts.isFunctionDeclaration(node.parent) || ts.isFunctionExpression(node.parent))
    ) {
      return producedClass(node.parent);
    }
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node) ||
      ts.isMethodDeclaration(node)
    )
      return undefined;
  }
  return undefined;
}

interface CodeUse {
  readonly code: string;
  readonly className: string | undefined;
  readonly where: string;
}

const uses: CodeUse[] = [];
for (const { path, ast } of files) {
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && /^HOOKSMITH_[A-Z_]+$/.test(node.text)) {
      const { line } = ast.getLineAndCharacterOfPosition(node.getStart());
      uses.push({ code: node.text, className: classOf(node), where: `${path}:${line + 1}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(ast);
}

/** Every code mentioned anywhere in src/ (code, types, comments). */
const mentioned = [...new Set(files.flatMap(({ text }) => text.match(codePattern) ?? []))].sort();

/** The classes using each code. */
const classesByCode = new Map<string, Set<string>>();
for (const { code, className } of uses) {
  if (className === undefined) continue;
  const classes = classesByCode.get(code) ?? new Set<string>();
  classes.add(className);
  classesByCode.set(code, classes);
}

/** docs/errors.md: each code is a `### \`CODE\`` heading whose section names its class as "**Class:** `Name`". */
function documentedClass(code: string): string | undefined {
  const start = docs.indexOf(`### \`${code}\``);
  if (start === -1) return undefined;
  const next = docs.indexOf("\n#", start + 1);
  const section = docs.slice(start, next === -1 ? undefined : next);
  return /\*\*Class:\*\* `(\w+)`/.exec(section)?.[1];
}

describe("docs/errors.md", () => {
  it("finds the codes and the classes using them in src/ (the analysis itself works)", () => {
    expect(mentioned.length).toBeGreaterThan(50);
    expect(classesByCode.get("HOOKSMITH_DUPLICATE_PLUGIN_NAME")).toEqual(new Set(["PluginRegistrationError"]));
    expect(classesByCode.get("HOOKSMITH_WRAPPER_DID_NOT_YIELD")).toEqual(new Set(["WrapperError"]));
    expect(classesByCode.get("HOOKSMITH_PLUGIN_EMPTY")).toEqual(new Set(["PluginLoadError"]));
    expect(classesByCode.get("HOOKSMITH_UNKNOWN_CONFIG_KEY")).toEqual(new Set(["StageWarning"]));
  });

  it("documents every HOOKSMITH_ code that appears in src/", () => {
    const missing = mentioned.filter((code) => !docs.includes(`### \`${code}\``));
    expect(missing, "codes in src/ without a `### \\`CODE\\`` section in docs/errors.md").toEqual([]);
  });

  it("documents no code that src/ does not use", () => {
    const documented = [...docs.matchAll(/^### `(HOOKSMITH_[A-Z_]+)`/gm)].map((match) => match[1]!);
    expect(documented.filter((code) => !mentioned.includes(code))).toEqual([]);
    expect(
      documented.filter((code, index) => documented.indexOf(code) !== index),
      "documented twice",
    ).toEqual([]);
  });

  it("finds the class of every code, so that each one can be documented with its class", () => {
    expect(mentioned.filter((code) => !classesByCode.has(code))).toEqual([]);
  });

  it("names, for each code, the class that uses it", () => {
    const wrong = [...classesByCode]
      .map(([code, classes]) => ({ code, inSource: [...classes].sort().join(" | "), inDocs: documentedClass(code) }))
      .filter(({ inSource, inDocs }) => inSource !== inDocs);
    expect(wrong).toEqual([]);
  });
});

describe("Error codes", () => {
  it("are never shared by two different classes", () => {
    const shared = [...classesByCode]
      .filter(([, classes]) => classes.size > 1)
      .map(([code, classes]) => ({
        code,
        classes: [...classes].sort(),
        where: uses
          .filter((use) => use.code === code && use.className !== undefined)
          .map((use) => `${use.className} at ${use.where}`),
      }));
    expect(shared).toEqual([]);
  });
});
