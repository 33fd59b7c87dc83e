// Type tests of a marker typed with a spec map, HookimplMarker<Specs>: each decorated method is
// checked against the hook it names, under TC39 standard decorators (tsconfig.json, vitest) and
// under experimentalDecorators (tsconfig.legacy-decorators.json, npm run typecheck). An untyped
// marker checks no decorated method, as a decorator cannot change a method's type.

import { describe, expectTypeOf, it } from "vitest";
import { HookimplMarker, PluginManager, type FirstResult, type Result } from "hooksmith";

interface Specs {
  addIngredients(args: { ingredients: string[] }): string[];
  pickCondiment: FirstResult<(args: { condiments: string[] }) => string>;
  serve(args: { table: number }): Promise<number>;
}

const hookimpl = HookimplMarker<Specs>("kitchen");

describe("HookimplMarker<Specs> as a decorator", () => {
  it("accepts methods that fit their hook, with any options, next to helpers", () => {
    class Kitchen {
      portions = 2;

      @hookimpl
      addIngredients({ ingredients }: { ingredients: string[] }): string[] {
        return [...ingredients, String(this.portions)];
      }

      @hookimpl({ wrapper: true })
      *pickCondiment(_args: { condiments: string[] }): Generator<unknown, string | undefined, string | undefined> {
        return yield;
      }

      @hookimpl({ hookwrapper: true, specname: "addIngredients" })
      *aroundIngredients(): Generator<unknown, void, Result<string[][]>> {
        const outcome = yield;
        outcome.forceResult([...outcome.getResult(), ["spam"]]);
      }

      @hookimpl({ tryfirst: true })
      async serve({ table }: { table: number }): Promise<number | undefined> {
        return table > 0 ? table : undefined;
      }

      @hookimpl({ specname: "addIngredients" })
      moreIngredients(): string[] {
        return ["eggs"];
      }

      @hookimpl({ optionalhook: true })
      laterHook(): number {
        return 1;
      }

      @hookimpl
      static addIngredients(): string[] {
        return [];
      }

      helper(): number {
        return this.portions;
      }
    }
    const pm = new PluginManager<Specs>("kitchen");
    pm.register(new Kitchen());
    pm.register(Kitchen);
    expectTypeOf(hookimpl).toBeFunction();
  });

  it("refuses a decorated method that names no hook", () => {
    class Misspelt {
      // @ts-expect-error -- no hook is named addIngredient
      @hookimpl
      addIngredient({ ingredients }: { ingredients: string[] }): string[] {
        return ingredients;
      }

      // @ts-expect-error -- the specname names no hook
      @hookimpl({ specname: "pickCondiments" })
      other(): string {
        return "mustard";
      }
    }
    void Misspelt;
  });

  it("refuses a decorated method that does not fit its hook", () => {
    class Unfit {
      // @ts-expect-error -- addIngredients returns a string[]
      @hookimpl
      addIngredients({ ingredients }: { ingredients: string[] }): number {
        return ingredients.length;
      }

      // @ts-expect-error -- table is a number
      @hookimpl
      serve({ table }: { table: string }): Promise<number> {
        return Promise.resolve(table.length);
      }

      // @ts-expect-error -- a wrapper is a generator function
      @hookimpl({ wrapper: true })
      pickCondiment(): string {
        return "salt";
      }

      // @ts-expect-error -- checked against the hook its specname names
      @hookimpl({ specname: "serve" })
      serveLater(): string {
        return "later";
      }
    }
    void Unfit;
  });

  it("still marks functions, whose arguments the spec types where a plugin is registered", () => {
    const plain = hookimpl(({ ingredients }: { ingredients: string[] }) => ingredients);
    expectTypeOf(plain).toBeFunction();
    new PluginManager<Specs>("kitchen").register({ addIngredients: hookimpl(({ ingredients }) => ingredients) });
  });
});

describe("an untyped marker as a decorator", () => {
  it("checks no decorated method", () => {
    const untyped = HookimplMarker("kitchen");
    class Anything {
      @untyped
      addIngredient(): number {
        return 1;
      }

      @untyped({ wrapper: true })
      *around(): Generator<unknown, unknown, unknown> {
        return yield;
      }
    }
    void Anything;
  });
});
