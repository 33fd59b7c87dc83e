// A plugin test as a plugin author writes it: decorated spec and plugin classes, run by vitest.
import { expect, it } from "vitest";
import { HookimplMarker, HookspecMarker, PluginManager } from "hooksmith";
import { createTestPluginManager } from "hooksmith/testing";

const hookspec = HookspecMarker("kitchen");
const hookimpl = HookimplMarker("kitchen");

class Specs {
  @hookspec
  addIngredients(_args: { ingredients: string[] }): string[] {
    return [];
  }

  @hookspec({ firstresult: true })
  pickCondiment(_args: { condiments: string[] }): string | undefined {
    return undefined;
  }
}

class Spam {
  @hookimpl
  addIngredients({ ingredients }: { ingredients: string[] }): string[] {
    return ingredients.includes("egg") ? ["lovely spam"] : ["spam"];
  }

  @hookimpl({ tryfirst: true })
  pickCondiment({ condiments }: { condiments: string[] }): string | undefined {
    return condiments.find((condiment) => condiment.startsWith("s"));
  }
}

it("registers a decorated class and calls its implementations", () => {
  const pm = new PluginManager<Specs>("kitchen");
  pm.addHookspecs(Specs);
  pm.register(new Spam());
  expect(pm.hook.addIngredients({ ingredients: ["egg"] })).toEqual([["lovely spam"]]);
  expect(pm.hook.pickCondiment({ condiments: ["ketchup", "salt"] })).toBe("salt");
});

it("tests the plugin with a test manager", () => {
  const pm = createTestPluginManager<Specs>("kitchen", { specs: Specs, plugins: { spam: new Spam() } });
  expect(pm.hook.addIngredients({ ingredients: [] })).toEqual([["spam"]]);
  expect(pm.warnings).toEqual([]);
});
