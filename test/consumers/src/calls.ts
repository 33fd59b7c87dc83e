// Hook calls on a typed manager: results are typed, historic hooks only take callHistoric (with
// kwargs when required), and callExtra takes implementations.
import type { PluginManager } from "hooksmith";
import type { KitchenSpecs } from "./kitchen.js";

/** What one round of calls returned. */
export interface Cooked {
  ingredients: string[][];
  condiment: string | undefined;
  served: number[];
  extra: string[][];
  replies: number[];
}

export async function cook(pm: PluginManager<KitchenSpecs>): Promise<Cooked> {
  const ingredients: string[][] = pm.hook.addIngredients({ ingredients: ["egg", "bacon"] });
  const condiment: string | undefined = pm.hook.pickCondiment({ condiments: { ketchup: 1 } });
  const served: number[] = await pm.hook.serve.callAsync({ table: 2 });
  const extra: string[][] = pm.hook.addIngredients.callExtra([({ ingredients: list }) => [`extra ${list.length}`]], {
    ingredients: [],
  });
  const replies: number[] = [];
  pm.hook.configure.callHistoric({ kwargs: { config: { portions: 2 } }, resultCallback: (portions) => replies.push(portions) });
  pm.hook.ready();
  return { ingredients, condiment, served, extra, replies };
}

// Not called: calls that must not compile.
export function refusedCalls(pm: PluginManager<KitchenSpecs>): void {
  // @ts-expect-error -- misspelt hook name
  pm.hook.addIngredient({ ingredients: [] });
  // @ts-expect-error -- ingredients is required
  pm.hook.addIngredients({});
  // @ts-expect-error -- a historic hook is called with callHistoric
  pm.hook.configure({ config: { portions: 1 } });
  // @ts-expect-error -- even without arguments
  pm.hook.configure();
  // @ts-expect-error -- callHistoric needs a historic hook
  pm.hook.addIngredients.callHistoric({ kwargs: { ingredients: [] } });
  // @ts-expect-error -- kwargs is required: configure has required arguments
  pm.hook.configure.callHistoric();
  // @ts-expect-error -- kwargs is required
  pm.hook.configure.callHistoric({});
  // @ts-expect-error -- an extra implementation returns what the spec returns
  pm.hook.addIngredients.callExtra([() => 1], { ingredients: [] });
}
