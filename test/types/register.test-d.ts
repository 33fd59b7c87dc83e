// Type tests: a typed manager checks the plugin given to register / registerAsync (objects, module
// namespaces, class instances, classes with static hooks), types hookimpl's arguments from the
// spec, and lets every implementation return (or resolve to) undefined. An untyped manager checks
// nothing, as before.

import { describe, expectTypeOf, it } from "vitest";
import { HookimplMarker, PluginManager, type FirstResult, type Result } from "hooksmith";
import { hookimpl, type KitchenSpecs } from "./fixtures/kitchen.ts";
import * as kitchen from "./fixtures/kitchen.ts";
import * as misspelt from "./fixtures/kitchen-misspelt.ts";
import * as wrong from "./fixtures/kitchen-wrong.ts";

const pm = new PluginManager<KitchenSpecs>("kitchen");

describe("PluginManager<Specs>.register: plain objects", () => {
  it("types the arguments of hookimpl(fn) from the spec, with or without options", () => {
    pm.register({
      addIngredients: hookimpl(({ ingredients }) => {
        expectTypeOf(ingredients).toEqualTypeOf<string[]>();
        return ingredients;
      }),
      pickCondiment: hookimpl({ tryfirst: true })(({ condiments }) => {
        expectTypeOf(condiments).toEqualTypeOf<Record<string, number>>();
        return Object.keys(condiments)[0];
      }),
      serve: hookimpl(async ({ table }) => {
        expectTypeOf(table).toEqualTypeOf<number>();
        return table;
      }),
    });
  });

  it("accepts helpers and members that are not hooks", () => {
    pm.register({ addIngredients: hookimpl(({ ingredients }) => ingredients), portions: 2, describe: () => "spam" });
  });

  it("lets an implementation return undefined, and an async one resolve to undefined", () => {
    pm.register({
      addIngredients: hookimpl(({ ingredients }) => (ingredients.length > 0 ? ingredients : undefined)),
      serve: hookimpl(async ({ table }) => (table > 0 ? 2 : undefined)),
      pickCondiment: hookimpl(() => undefined),
      ready: hookimpl(() => {}),
    });
    // An async implementation that returns nothing resolves to undefined: "no result".
    pm.register({ serve: hookimpl(async () => {}) });
  });

  it("refuses an implementation whose arguments or result do not fit its spec", () => {
    pm.register({
      // @ts-expect-error -- ingredients is a string[]
      addIngredients: hookimpl(({ ingredients }: { ingredients: number[] }) => ingredients.map(String)),
    });
    pm.register({
      // @ts-expect-error -- addIngredients returns a string[]
      addIngredients: hookimpl(({ ingredients }: { ingredients: string[] }) => ingredients.length),
    });
    pm.register({
      // @ts-expect-error -- serve resolves to a number
      serve: hookimpl(async ({ table }: { table: number }) => `table ${table}`),
    });
    pm.register({
      // @ts-expect-error -- serve is asynchronous only in its spec's terms: a string is not a number
      serve: hookimpl(({ table }: { table: number }) => `table ${table}`),
    });
    pm.register({
      // @ts-expect-error -- an argument the spec does not have
      addIngredients: hookimpl(({ ingredients, extra }: { ingredients: string[]; extra: number }) => [
        ...ingredients,
        String(extra),
      ]),
    });
  });

  it("refuses a marked member that names no hook, unless it is optionalhook or has a specname", () => {
    // @ts-expect-error -- no hook is named addIngredient
    pm.register({ addIngredient: hookimpl(({ ingredients }: { ingredients: string[] }) => ingredients) });
    pm.register({ extraHook: hookimpl({ optionalhook: true })(() => 1) });
    // A specname implementation annotates its arguments: its member name does not say which spec types them.
    pm.register({
      moreIngredients: hookimpl({ specname: "addIngredients" })(({ ingredients }: { ingredients: string[] }) => ingredients),
    });
    // @ts-expect-error -- specname names no hook
    pm.register({ moreIngredients: hookimpl({ specname: "addIngredient" })(() => ["spam"]) });
  });

  it("checks a member with a specname against the hook it names", () => {
    pm.register({
      // @ts-expect-error -- addIngredients returns a string[]
      moreIngredients: hookimpl({ specname: "addIngredients" })(() => 5),
    });
    pm.register({
      // @ts-expect-error -- a wrapper of addIngredients returns the string[][] it receives
      aroundIngredients: hookimpl({ specname: "addIngredients", wrapper: true })(function* (): Generator<
        unknown,
        number,
        string[][]
      > {
        const results = yield;
        return results.length;
      }),
    });
  });

  it("checks wrappers as wrappers, by their options", () => {
    pm.register({
      addIngredients: hookimpl({ wrapper: true })(function* ({ ingredients }): Generator<unknown, string[][], string[][]> {
        const results = yield;
        return [...results, ingredients];
      }),
      pickCondiment: hookimpl({ hookwrapper: true })(function* (): Generator<unknown, void, Result<string | undefined>> {
        const outcome = yield;
        if (outcome.getResult() === undefined) outcome.forceResult("mustard");
      }),
    });
    pm.register({
      // @ts-expect-error -- a wrapper returns what it received, string[][]
      addIngredients: hookimpl({ wrapper: true })(function* (): Generator<unknown, number, string[][]> {
        const results = yield;
        return results.length;
      }),
    });
    pm.register({
      // @ts-expect-error -- wrapper: true needs a generator function
      addIngredients: hookimpl({ wrapper: true })(({ ingredients }: { ingredients: string[] }) => ingredients),
    });
  });

  it("checks every object of a union, as a loop over several plugins gives", () => {
    const plugins = {
      first: { addIngredients: hookimpl(({ ingredients }: { ingredients: string[] }) => ingredients) },
      second: { ready: hookimpl(() => {}) },
    };
    for (const [name, plugin] of Object.entries(plugins)) pm.register(plugin, name);
  });
});

describe("PluginManager<Specs>.register: module namespaces", () => {
  it("accepts a module whose hooks fit, next to its helpers", () => {
    pm.register(kitchen);
    void pm.registerAsync(kitchen, "kitchen");
  });

  it("refuses a module with a misspelt hook or an implementation that does not fit", () => {
    // @ts-expect-error -- the module exports addIngredient, which names no hook
    pm.register(misspelt);
    // @ts-expect-error -- its serve resolves to a string
    void pm.registerAsync(wrong);
  });
});

describe("PluginManager<Specs>.register: class instances and classes", () => {
  it("accepts a class whose decorated methods fit, with other members", () => {
    class Kitchen {
      portions = 2;

      @hookimpl
      addIngredients({ ingredients }: { ingredients: string[] }): string[] {
        return [...ingredients, ...Array.from({ length: this.portions }, () => "spam")];
      }

      @hookimpl({ wrapper: true })
      *pickCondiment({
        condiments,
      }: {
        condiments: Record<string, number>;
      }): Generator<unknown, string | undefined, string | undefined> {
        const result = yield;
        return result ?? Object.keys(condiments)[0];
      }

      @hookimpl
      async serve({ table }: { table: number }): Promise<number | undefined> {
        return table > 0 ? table : undefined;
      }
    }
    pm.register(new Kitchen());
  });

  it("refuses a class instance whose hook methods do not fit", () => {
    class WrongResult {
      @hookimpl
      addIngredients({ ingredients }: { ingredients: string[] }): number {
        return ingredients.length;
      }
    }
    class WrongArgument {
      @hookimpl
      serve({ table }: { table: string }): Promise<number> {
        return Promise.resolve(table.length);
      }
    }
    // @ts-expect-error -- addIngredients returns a string[]
    pm.register(new WrongResult());
    // @ts-expect-error -- table is a number
    void pm.registerAsync(new WrongArgument());
  });

  it("checks the static hooks of a registered class", () => {
    class StaticKitchen {
      @hookimpl
      static addIngredients({ ingredients }: { ingredients: string[] }): string[] {
        return ingredients;
      }
    }
    class WrongStatic {
      @hookimpl
      static addIngredients(): number {
        return 1;
      }
    }
    pm.register(StaticKitchen);
    // @ts-expect-error -- addIngredients returns a string[]
    pm.register(WrongStatic);
  });
});

describe("PluginManager.register: untyped managers", () => {
  it("accepts any object, as before", () => {
    const untyped = new PluginManager("kitchen");
    const anyImpl = HookimplMarker("kitchen");
    untyped.register({ whatever: anyImpl(({ a }: { a: number }) => a), helper: 1 });
    untyped.register(misspelt);
    class Anything {
      @anyImpl
      addIngredients(): number {
        return 1;
      }
    }
    untyped.register(new Anything());
    expectTypeOf(untyped.register).parameter(0).toExtend<object>();
    // @ts-expect-error -- a plugin is an object
    untyped.register(42);
    // @ts-expect-error -- on a typed manager too
    pm.register("plugin");
  });

  it("treats a manager typed with object, as a generic manager erases to, as untyped", () => {
    const erased = new PluginManager<object>("kitchen");
    erased.register({ whatever: hookimpl(() => 1) });
  });
});

describe("PluginManager<Specs>.register: spec maps with firstresult hooks", () => {
  it("checks a firstresult hook's implementation against its result type", () => {
    interface Specs {
      pick: FirstResult<(args: { id: number }) => string>;
    }
    const typed = new PluginManager<Specs>("kitchen");
    typed.register({ pick: hookimpl(({ id }) => (id > 0 ? String(id) : undefined)) });
    // @ts-expect-error -- pick returns a string
    typed.register({ pick: hookimpl(({ id }: { id: number }) => id) });
  });
});
