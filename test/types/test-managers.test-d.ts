// Type tests: the plugins given to createTestPluginManager / TestPluginManager and to
// createTestNebariPluginManager are checked against the manager's specs, and hookimpl's arguments
// are typed from them. An untyped test manager accepts any object.

import { describe, expectTypeOf, it } from "vitest";
import { HookimplMarker } from "hooksmith";
import { hookimpl as nebariHookimpl, NebariStage, type SubcommandCli } from "hooksmith/nebari";
import type { Command } from "commander";
import {
  createTestNebariPluginManager,
  createTestPluginManager,
  TestNebariPluginManager,
  TestPluginManager,
} from "hooksmith/testing";
import * as kitchen from "./fixtures/kitchen.ts";
import * as wrong from "./fixtures/kitchen-wrong.ts";
import type { KitchenSpecs } from "./fixtures/kitchen.ts";

const hookimpl = HookimplMarker("kitchen");

class Hello extends NebariStage {
  static override stageName = "hello";
  static override priority = 1;
}

describe("createTestPluginManager<Specs> plugins", () => {
  it("types hookimpl's arguments in a record or a list of plugins", () => {
    createTestPluginManager<KitchenSpecs>("kitchen", {
      plugins: {
        first: {
          addIngredients: hookimpl(({ ingredients }) => {
            expectTypeOf(ingredients).toEqualTypeOf<string[]>();
            return ingredients;
          }),
          helper: 1,
        },
        kitchen,
      },
    });
    createTestPluginManager<KitchenSpecs>("kitchen", {
      plugins: [kitchen, ["second", { serve: hookimpl(async ({ table }) => (table > 0 ? table : undefined)) }]],
    });
    new TestPluginManager<KitchenSpecs>("kitchen", { plugins: { kitchen } });
  });

  it("accepts class instances, with or without hook members", () => {
    class Kitchen {
      @hookimpl
      addIngredients({ ingredients }: { ingredients: string[] }): string[] {
        return ingredients;
      }
    }
    class OnlySpecname {
      @hookimpl({ specname: "addIngredients" })
      more(): string[] {
        return ["spam"];
      }
    }
    createTestPluginManager<KitchenSpecs>("kitchen", { plugins: [new Kitchen(), new OnlySpecname()] });
  });

  it("refuses plugins whose hook members do not fit", () => {
    createTestPluginManager<KitchenSpecs>("kitchen", {
      plugins: {
        // @ts-expect-error -- addIngredients returns a string[]
        first: { addIngredients: hookimpl(({ ingredients }: { ingredients: string[] }) => ingredients.length) },
      },
    });
    // @ts-expect-error -- the module's serve resolves to a string
    createTestPluginManager<KitchenSpecs>("kitchen", { plugins: { wrong } });
    class WrongResult {
      @hookimpl
      addIngredients(): number {
        return 1;
      }
    }
    // @ts-expect-error -- addIngredients returns a string[]
    new TestPluginManager<KitchenSpecs>("kitchen", { plugins: [new WrongResult()] });
  });

  it("accepts any object on an untyped test manager", () => {
    createTestPluginManager("kitchen", { plugins: { wrong, any: { whatever: hookimpl(() => 1) } } });
    // @ts-expect-error -- a plugin is an object
    createTestPluginManager("kitchen", { plugins: { three: 3 } });
  });
});

describe("createTestNebariPluginManager plugins", () => {
  it("checks plugins against the preset's specs", () => {
    createTestNebariPluginManager({
      plugins: {
        hello: { nebari_stage: nebariHookimpl(() => [Hello]) },
        cli: {
          nebari_subcommand: nebariHookimpl(({ cli }) => {
            expectTypeOf(cli).toEqualTypeOf<SubcommandCli>();
            cli.command("hello", (command) => command);
          }),
        },
      },
    });
    createTestNebariPluginManager({
      // @ts-expect-error -- nebari_stage returns stage classes
      plugins: [{ nebari_stage: nebariHookimpl(() => "hello") }],
    });
  });

  it("types inline plugins with the default Cli, or the one given", () => {
    new TestNebariPluginManager({
      plugins: {
        cli: {
          nebari_subcommand: nebariHookimpl(({ cli }) => {
            expectTypeOf(cli).toEqualTypeOf<SubcommandCli>();
          }),
        },
      },
    });
    createTestNebariPluginManager<SubcommandCli<Command>>({
      plugins: {
        cli: {
          nebari_subcommand: nebariHookimpl(({ cli }) => {
            expectTypeOf(cli).toEqualTypeOf<SubcommandCli<Command>>();
          }),
        },
      },
    });
  });
});
