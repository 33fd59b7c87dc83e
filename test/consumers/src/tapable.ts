// hooksmith/tapable's declarations compile although tapable (an optional peer) is not installed
// here. Type-checked only: running it would need tapable.
import type { PluginManager } from "hooksmith";
import { toTapableHook, type TapableAsyncSeriesHook, type TapableSyncBailHook } from "hooksmith/tapable";
import type { KitchenSpecs } from "./kitchen.js";

export function views(
  pm: PluginManager<KitchenSpecs>,
): [TapableSyncBailHook<[Record<string, number>], string | undefined>, TapableAsyncSeriesHook<[number]>] {
  const pick = toTapableHook(pm, "pickCondiment");
  pick.tap("Mustard", (condiments) => (condiments["mustard"] === undefined ? undefined : "mustard"));
  return [pick, toTapableHook(pm, "serve", { async: true })];
}
