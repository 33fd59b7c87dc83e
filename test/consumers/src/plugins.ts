// Plugins meeting a typed manager: each form of registration infers hookimpl's arguments from the
// spec, and every plugin that does not fit is a compile error pinned with @ts-expect-error.
import { definePlugin, type Plugin, type PluginManager } from "hooksmith";
import { hookimpl, type KitchenSpecs } from "./kitchen.js";
import * as misspelt from "./misspelt-plugin.js";
import * as spam from "./spam-plugin.js";

export const eggs = definePlugin<KitchenSpecs>()({
  addIngredients: hookimpl(({ ingredients }) => ingredients.map((ingredient) => `${ingredient} and eggs`)),
  pickCondiment: hookimpl({ trylast: true })(({ condiments }) => Object.keys(condiments)[0]),
  moreIngredients: hookimpl({ specname: "addIngredients" })(({ ingredients }: { ingredients: string[] }) => [
    `${ingredients.length} eggs`,
  ]),
  plates: 2,
});

export const bacon = {
  addIngredients: hookimpl(({ ingredients }) => (ingredients.includes("bacon") ? undefined : ["bacon"])),
  serve: hookimpl(async ({ table }) => (table > 1 ? table : undefined)),
} satisfies Plugin<KitchenSpecs>;

export function registerAll(pm: PluginManager<KitchenSpecs>): void {
  pm.register(spam, "spam");
  pm.register(eggs, "eggs");
  pm.register(bacon, "bacon");
  pm.register(
    {
      pickCondiment: hookimpl(({ condiments }) => (condiments["ketchup"] === undefined ? undefined : "ketchup")),
      ready: hookimpl(() => {}),
      configure: hookimpl(({ config }) => config.portions * 10),
    },
    "ketchup",
  );
}

// Not called: each statement is a plugin that does not fit, which must not compile.
export function refused(pm: PluginManager<KitchenSpecs>): void {
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
  // @ts-expect-error -- a marked member naming no hook
  pm.register({ addIngredient: hookimpl(({ ingredients }: { ingredients: string[] }) => ingredients) });
  // @ts-expect-error -- a specname naming no hook
  pm.register({ more: hookimpl({ specname: "addIngredient" })(() => ["spam"]) });
  // @ts-expect-error -- the module's hook name is misspelt
  pm.register(misspelt);
  void pm.registerAsync({
    // @ts-expect-error -- registerAsync checks the same way
    serve: hookimpl(() => "now"),
  });
  definePlugin<KitchenSpecs>()({
    // @ts-expect-error -- definePlugin checks the same way
    pickCondiment: hookimpl(({ condiments }: { condiments: Record<string, number> }) => Object.keys(condiments).length),
  });
  const unfit = {
    // @ts-expect-error -- satisfies checks hook members
    addIngredients: hookimpl(() => 1),
  } satisfies Plugin<KitchenSpecs>;
  void unfit;
  pm.register({ optional: hookimpl({ optionalhook: true })(() => 1) });
}
