// The quick start of the README, runnable: `npx tsx examples/quick-start.ts`.
import { HookimplMarker, HookspecMarker, PluginManager } from "hooksmith";

const hookspec = HookspecMarker("eggsample");
const hookimpl = HookimplMarker("eggsample");

// The host declares its hooks; their types become the manager's types.
const specs = {
  addIngredients: hookspec(({ ingredients }: { ingredients: string[] }): string[] => ingredients),
  pickCondiment: hookspec({ firstresult: true })(({ condiments }: { condiments: string[] }): string => condiments[0] ?? ""),
};

// Plugins implement some of them.
class Spam {
  @hookimpl
  addIngredients({ ingredients }: { ingredients: string[] }) {
    return ingredients.includes("egg") ? ["lovely spam"] : ["splendiferous spam"];
  }
}
const condiments = { pickCondiment: hookimpl(({ condiments }: { condiments: string[] }) => condiments.sort()[0]) };

const pm = new PluginManager<typeof specs>("eggsample");
pm.addHookspecs(specs);
pm.register(new Spam(), "spam");
pm.register(condiments, "condiments");
console.log(pm.hook.addIngredients({ ingredients: ["egg"] })); // one result per plugin
console.log(pm.hook.pickCondiment({ condiments: ["pepper", "ketchup"] })); // firstresult: one value
console.log(await pm.hook.addIngredients.callAsync({ ingredients: [] }));

// Output:
// [ [ 'lovely spam' ] ]
// ketchup
// [ [ 'splendiferous spam' ] ]
