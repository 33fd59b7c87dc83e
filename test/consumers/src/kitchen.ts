// The host side of the consumer fixture: a spec map, the markers and a typed manager.
import { HookimplMarker, HookspecMarker, PluginManager, type FirstResult, type Historic } from "hooksmith";

export const hookspec = HookspecMarker("kitchen");
// Typed with the spec map, so that each decorated method is checked where it is decorated.
export const hookimpl = HookimplMarker<KitchenSpecs>("kitchen");

export interface KitchenSpecs {
  addIngredients(args: { ingredients: string[] }): string[];
  pickCondiment: FirstResult<(args: { condiments: Record<string, number> }) => string>;
  serve(args: { table: number }): Promise<number>;
  configure: Historic<(args: { config: { portions: number } }) => number>;
  ready(): void;
}

/** The specs as marked functions, for addHookspecs. */
export const kitchenSpecs = {
  addIngredients: hookspec((_args: { ingredients: string[] }): string[] => []),
  pickCondiment: hookspec({ firstresult: true })((_args: { condiments: Record<string, number> }): string => ""),
  serve: hookspec(async (_args: { table: number }): Promise<number> => 0),
  configure: hookspec({ historic: true })((_args: { config: { portions: number } }): number => 0),
  ready: hookspec((): void => undefined),
};

export function createKitchen(): PluginManager<KitchenSpecs> {
  const pm = new PluginManager<KitchenSpecs>("kitchen");
  pm.addHookspecs(kitchenSpecs);
  return pm;
}
