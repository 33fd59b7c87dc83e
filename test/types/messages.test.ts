// The first lines of what TypeScript says about a plugin that does not fit its spec, a direct call
// of a historic hook and callHistoric on another hook: it must speak of the implementation (its
// arguments, its result) or say what to do, never of wrapper or generator types. Compiled with the
// project's TypeScript (6), against the sources, as an editor would show it.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../..");

const prelude = `
import { HookimplMarker, PluginManager, definePlugin, type Historic, type Plugin } from "hooksmith";
const hookimpl = HookimplMarker("kitchen");
interface Specs {
  addIngredients(args: { ingredients: string[] }): string[];
  serve(args: { table: number }): Promise<number>;
  configure: Historic<(args: { config: Record<string, unknown> }) => number>;
}
const pm = new PluginManager<Specs>("kitchen");
void definePlugin;
export {};
`;

// Every snippet is one file of one program, so the sources are read and checked once.
const snippets = {
  wrongArgument: `pm.register({ addIngredients: hookimpl(({ ingredients }: { ingredients: number[] }) => ingredients.map(String)) });`,
  wrongResult: `pm.register({ addIngredients: hookimpl(({ ingredients }: { ingredients: string[] }) => ingredients.length) });`,
  wrongAsyncResult: `pm.register({ serve: hookimpl(async ({ table }: { table: number }) => \`table \${table}\`) });`,
  asyncUndefined: `pm.register({ serve: hookimpl(async ({ table }) => (table > 0 ? table : undefined)) });`,
  classWrongResult: `
class Kitchen {
  @hookimpl
  addIngredients({ ingredients }: { ingredients: string[] }): number {
    return ingredients.length;
  }
}
pm.register(new Kitchen());`,
  misspelt: `pm.register({ addIngredient: hookimpl(({ ingredients }: { ingredients: string[] }) => ingredients) });`,
  unknownSpecname: `pm.register({ more: hookimpl({ specname: "addIngredient" })(() => ["spam"]) });`,
  definePluginWrongResult: `definePlugin<Specs>()({ addIngredients: hookimpl(() => 3) });`,
  satisfiesWrongResult: `export const plugin = { serve: hookimpl(async () => "table") } satisfies Plugin<Specs>;`,
  implementsWrongResult: `
export class Kitchen implements Plugin<Specs> {
  @hookimpl
  addIngredients(): number {
    return 1;
  }
}`,
  typedMarkerMisspelt: `
const checked = HookimplMarker<Specs>("kitchen");
export class Kitchen {
  @checked
  addIngredient({ ingredients }: { ingredients: string[] }): string[] {
    return ingredients;
  }
}`,
  typedMarkerWrongResult: `
const checked = HookimplMarker<Specs>("kitchen");
export class Kitchen {
  @checked
  addIngredients({ ingredients }: { ingredients: string[] }): number {
    return ingredients.length;
  }
}`,
  historicDirectCall: `pm.hook.configure({ config: {} });`,
  historicDirectCallWithoutArguments: `pm.hook.configure();`,
  historicCallAsync: `void pm.hook.configure.callAsync({ config: {} });`,
  callHistoricNotHistoric: `pm.hook.addIngredients.callHistoric({ kwargs: { ingredients: [] } });`,
  callHistoricWithoutKwargs: `pm.hook.configure.callHistoric({});`,
  callExtraWrongResult: `pm.hook.addIngredients.callExtra([() => 5], { ingredients: [] });`,
} satisfies Record<string, string>;

const diagnostics = compile();

// Each error's snippet line, its first message line and, when TypeScript elaborates, its last one
// (the innermost reason).
function compile(): Record<keyof typeof snippets, string[]> {
  const configFile = ts.readConfigFile(join(root, "tsconfig.json"), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const files = new Map(Object.entries(snippets).map(([name, code]) => [join(here, `snippet-${name}.ts`), prelude + code]));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (path) => files.get(path) ?? readFile(path);
  host.fileExists = (path) => files.has(path) || fileExists(path);
  host.getSourceFile = (path, language, onError) => {
    const text = files.get(path);
    return text === undefined ? getSourceFile(path, language, onError) : ts.createSourceFile(path, text, language);
  };
  const program = ts.createProgram([...files.keys()], { ...options, noEmit: true }, host);
  const preludeLines = prelude.split("\n").length - 1;
  const result = {} as Record<keyof typeof snippets, string[]>;
  for (const name of Object.keys(snippets) as Array<keyof typeof snippets>) {
    const file = program.getSourceFile(join(here, `snippet-${name}.ts`))!;
    result[name] = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((diagnostic) => {
      const line = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line - preludeLines + 1;
      const lines = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n").split("\n");
      const why = lines.length > 1 ? `\n  … ${lines.at(-1)!.trim()}` : "";
      return `${line}: TS${diagnostic.code} ${lines[0]}${why}`;
    });
  }
  return result;
}

describe("what TypeScript says about a plugin that does not fit", () => {
  it("names the implementation's argument type against the spec's", () => {
    expect(diagnostics.wrongArgument).toMatchInlineSnapshot(`
      [
        "1: TS2322 Type '(({ ingredients }: { ingredients: number[]; }) => string[]) & HookimplMark<Record<never, never>>' is not assignable to type 'HookImplFunction<(args: { ingredients: string[]; }) => string[]> & (({ ingredients }: { ingredients: number[]; }) => string[]) & HookimplMark<Record<never, never>>'.
        … Type 'string' is not assignable to type 'number'.",
      ]
    `);
  });

  it("names the implementation's result against what the spec allows", () => {
    expect(diagnostics.wrongResult).toMatchInlineSnapshot(`
      [
        "1: TS2322 Type '(({ ingredients }: { ingredients: string[]; }) => number) & HookimplMark<Record<never, never>>' is not assignable to type 'HookImplFunction<(args: { ingredients: string[]; }) => string[]> & (({ ingredients }: { ingredients: string[]; }) => number) & HookimplMark<Record<never, never>>'.
        … Type 'number' is not assignable to type 'void | string[] | undefined'.",
      ]
    `);
    expect(diagnostics.wrongAsyncResult).toMatchInlineSnapshot(`
      [
        "1: TS2322 Type '(({ table }: { table: number; }) => Promise<string>) & HookimplMark<Record<never, never>>' is not assignable to type 'HookImplFunction<(args: { table: number; }) => Promise<number>> & (({ table }: { table: number; }) => Promise<string>) & HookimplMark<Record<never, never>>'.
        … Type 'string' is not assignable to type 'number'.",
      ]
    `);
    expect(diagnostics.definePluginWrongResult).toMatchInlineSnapshot(`
      [
        "1: TS2322 Type '(() => number) & HookimplMark<Record<never, never>>' is not assignable to type 'HookImplFunction<(args: { ingredients: string[]; }) => string[]> & (() => number) & HookimplMark<Record<never, never>>'.
        … Type 'number' is not assignable to type 'void | string[] | undefined'.",
      ]
    `);
    expect(diagnostics.satisfiesWrongResult).toMatchInlineSnapshot(`
      [
        "1: TS2322 Type '(() => Promise<string>) & HookimplMark<Record<never, never>>' is not assignable to type 'HookImplementation<(args: { table: number; }) => Promise<number>>'.
        … Type 'string' is not assignable to type 'number'.",
      ]
    `);
    expect(diagnostics.implementsWrongResult).toMatchInlineSnapshot(`
      [
        "4: TS2416 Property 'addIngredients' in type 'Kitchen' is not assignable to the same property in base type 'Plugin<Specs>'.
        … Type 'number' is not assignable to type 'void | string[] | undefined'.",
      ]
    `);
    expect(diagnostics.callExtraWrongResult).toMatchInlineSnapshot(`
      [
        "1: TS2322 Type 'number' is not assignable to type 'void | string[] | undefined'.",
      ]
    `);
  });

  it("names the class and the hook member when a class instance does not fit", () => {
    expect(diagnostics.classWrongResult).toMatchInlineSnapshot(`
      [
        "8: TS2345 Argument of type 'Kitchen' is not assignable to parameter of type 'CheckPluginMembers<Specs, Kitchen> & Kitchen'.
        … Type 'number' is not assignable to type 'void | string[] | undefined'.",
      ]
    `);
  });

  it("accepts an async implementation that resolves to undefined", () => {
    expect(diagnostics.asyncUndefined).toEqual([]);
  });

  it("says at the decorator of a typed marker that a method names no hook or does not fit", () => {
    expect(diagnostics.typedMarkerMisspelt).toMatchInlineSnapshot(`
      [
        "4: TS1270 Decorator function return type '{ readonly "hookimpl member 'addIngredient' names no hook of the spec map: fix its name, or mark it with specname or optionalhook": never; }' is not assignable to type 'void | (({ ingredients }: { ingredients: string[]; }) => string[])'.",
      ]
    `);
    expect(diagnostics.typedMarkerWrongResult).toMatchInlineSnapshot(`
      [
        "4: TS1270 Decorator function return type '{ readonly "hookimpl method 'addIngredients' does not fit its hook, expected": HookImplFunction<(args: { ingredients: string[]; }) => string[]>; }' is not assignable to type 'void | (({ ingredients }: { ingredients: string[]; }) => number)'.",
      ]
    `);
  });

  it("says that a marked member names no hook", () => {
    expect(diagnostics.misspelt).toMatchInlineSnapshot(`
      [
        "1: TS2322 Type '(({ ingredients }: { ingredients: string[]; }) => string[]) & HookimplMark<Record<never, never>>' is not assignable to type '"hookimpl member 'addIngredient' names no hook of the spec map: fix its name, or mark it with specname or optionalhook" & (({ ingredients }: { ingredients: string[]; }) => string[]) & HookimplMark<Record<...>>'.
        … Type '(({ ingredients }: { ingredients: string[]; }) => string[]) & HookimplMark<Record<never, never>>' is not assignable to type '"hookimpl member 'addIngredient' names no hook of the spec map: fix its name, or mark it with specname or optionalhook"'.",
      ]
    `);
    expect(diagnostics.unknownSpecname).toMatchInlineSnapshot(`
      [
        "1: TS2322 Type '(() => string[]) & HookimplMark<{ readonly specname: "addIngredient"; }>' is not assignable to type '"hookimpl member 'more' has specname 'addIngredient', which names no hook of the spec map" & (() => string[]) & HookimplMark<{ readonly specname: "addIngredient"; }>'.
        … Type '(() => string[]) & HookimplMark<{ readonly specname: "addIngredient"; }>' is not assignable to type '"hookimpl member 'more' has specname 'addIngredient', which names no hook of the spec map"'.",
      ]
    `);
  });
});

describe("what TypeScript says about calling a historic hook", () => {
  it("says to use callHistoric for a direct call, with or without arguments", () => {
    expect(diagnostics.historicDirectCall).toMatchInlineSnapshot(`
      [
        "1: TS2684 The 'this' context of type 'HookRelay<Specs>' is not assignable to method's 'this' of type '"Historic hooks are called with callHistoric({ kwargs, resultCallback })"'.",
      ]
    `);
    expect(diagnostics.historicDirectCallWithoutArguments).toMatchInlineSnapshot(`
      [
        "1: TS2684 The 'this' context of type 'HookRelay<Specs>' is not assignable to method's 'this' of type '"Historic hooks are called with callHistoric({ kwargs, resultCallback })"'.",
      ]
    `);
    expect(diagnostics.historicCallAsync).toMatchInlineSnapshot(`
      [
        "1: TS2345 Argument of type '{ config: {}; }' is not assignable to parameter of type '"Historic hooks are called with callHistoric({ kwargs, resultCallback })"'.",
      ]
    `);
  });

  it("says that callHistoric needs a historic hook, and kwargs when the spec requires arguments", () => {
    expect(diagnostics.callHistoricNotHistoric).toMatchInlineSnapshot(`
      [
        "1: TS2345 Argument of type '{ kwargs: { ingredients: never[]; }; }' is not assignable to parameter of type '"callHistoric needs a historic hook: brand its spec with Historic<F> or hookspec({ historic: true })(fn), or call the hook directly"'.",
      ]
    `);
    expect(diagnostics.callHistoricWithoutKwargs).toMatchInlineSnapshot(`
      [
        "1: TS2345 Argument of type '{}' is not assignable to parameter of type 'CallHistoricOptions<Historic<(args: { config: Record<string, unknown>; }) => number>> & RequiredKwargs<Historic<(args: { config: Record<string, unknown>; }) => number>>'.
        … Property 'kwargs' is missing in type '{}' but required in type 'RequiredKwargs<Historic<(args: { config: Record<string, unknown>; }) => number>>'.",
      ]
    `);
  });
});
