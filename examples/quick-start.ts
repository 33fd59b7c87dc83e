// The quick start of the README, runnable: `npx tsx examples/quick-start.ts`.
import { HookimplMarker, HookspecMarker, PluginManager, type FirstResult } from "hooksmith";

const hookspec = HookspecMarker("eggsample");
const hookimpl = HookimplMarker("eggsample");

// 1. The host declares its hooks: a spec map for the types, marked functions for the runtime.
interface Specs {
  addIngredients(args: { ingredients: string[] }): string[];
  pickCondiment: FirstResult<(args: { condiments: Record<string, number> }) => string>;
}
const specs = {
  addIngredients: hookspec((_args: { ingredients: string[] }): string[] => []),
  pickCondiment: hookspec({ firstresult: true })((_args: { condiments: Record<string, number> }) => ""),
};

// 2. Plugins implement some of them; `satisfies` would catch a wrong name or type here.
class Spam {
  @hookimpl
  addIngredients({ ingredients }: { ingredients: string[] }) {
    return ingredients.includes("egg") ? ["lovely spam", "wonderous spam"] : ["splendiferous spam"];
  }
}
const condiments = {
  pickCondiment: hookimpl(({ condiments }: { condiments: Record<string, number> }) =>
    Object.keys(condiments).sort()[0],
  ),
  // A wrapper sees every other implementation's results.
  addIngredients: hookimpl({ wrapper: true })(function* () {
    const results: string[][] = yield;
    return [...results, ["salt"]];
  }),
};

// 3. The host registers plugins and calls hooks: results come most recently registered first.
const pm = new PluginManager<Specs>("eggsample");
pm.addHookspecs(specs);
pm.register(new Spam(), "spam");
pm.register(condiments, "condiments");

console.log(pm.hook.addIngredients({ ingredients: ["egg", "bacon"] }));
console.log(pm.hook.pickCondiment({ condiments: { pepper: 1, ketchup: 2 } }));
console.log(await pm.hook.addIngredients.callAsync({ ingredients: [] }));

// Output:
// [ [ 'lovely spam', 'wonderous spam' ], [ 'salt' ] ]
// ketchup
// [ [ 'splendiferous spam' ], [ 'salt' ] ]
