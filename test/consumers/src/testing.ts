// The test managers check the plugins they are given against their specs.
import { hookimpl as nebariHookimpl } from "hooksmith/nebari";
import { createTestNebariPluginManager, createTestPluginManager, type TestPluginManager } from "hooksmith/testing";
import { hookimpl, kitchenSpecs, type KitchenSpecs } from "./kitchen.js";
import * as spam from "./spam-plugin.js";
import * as stagePlugin from "./stage-plugin.js";

export function testKitchen(): TestPluginManager<KitchenSpecs> {
  return createTestPluginManager<KitchenSpecs>("kitchen", {
    specs: kitchenSpecs,
    plugins: { spam, toast: { addIngredients: hookimpl(({ ingredients }) => [`toast for ${ingredients.length}`]) } },
  });
}

export function testNebari(): void {
  createTestNebariPluginManager({ plugins: { "nebari-stage-kitchen": stagePlugin } });
}

// Not called: plugins that must not compile.
export function refusedTestPlugins(): void {
  createTestPluginManager<KitchenSpecs>("kitchen", {
    // @ts-expect-error -- addIngredients returns a string[]
    plugins: [{ addIngredients: hookimpl(() => 1) }],
  });
  createTestNebariPluginManager({
    // @ts-expect-error -- nebari_stage returns stage classes
    plugins: { broken: { nebari_stage: nebariHookimpl(() => "kitchen") } },
  });
}
