// Decorated classes, compiled under TC39 standard decorators and under experimentalDecorators.
import type { PluginManager } from "hooksmith";
import { hookimpl, hookspec, type KitchenSpecs } from "./kitchen.js";

export class DinerSpecs {
  @hookspec
  addIngredients(_args: { ingredients: string[] }): string[] {
    return [];
  }
}

export class Diner {
  portions = 3;

  @hookimpl
  addIngredients({ ingredients }: { ingredients: string[] }): string[] {
    return [`${this.portions} x ${ingredients.join(" + ")}`];
  }

  @hookimpl({ wrapper: true })
  *pickCondiment(_args: { condiments: Record<string, number> }): Generator<unknown, string | undefined, string | undefined> {
    const result = yield;
    return result === undefined ? "salt" : result.toUpperCase();
  }

  @hookimpl
  async serve({ table }: { table: number }): Promise<number | undefined> {
    return table > 0 ? this.portions : undefined;
  }
}

export class WrongDiner {
  // @ts-expect-error -- addIngredients returns a string[]: the typed marker says so at the decorator
  @hookimpl
  addIngredients({ ingredients }: { ingredients: string[] }): number {
    return ingredients.length;
  }
}

export class MisspeltDiner {
  // @ts-expect-error -- no hook is named addIngredient (implements Plugin<KitchenSpecs> would not see it)
  @hookimpl
  addIngredient({ ingredients }: { ingredients: string[] }): string[] {
    return ingredients;
  }

  @hookimpl
  addIngredients({ ingredients }: { ingredients: string[] }): string[] {
    return ingredients;
  }
}

// Not called: a class whose decorated method does not fit must not register.
export function refusedDiner(pm: PluginManager<KitchenSpecs>): void {
  // @ts-expect-error -- addIngredients returns a string[]
  pm.register(new WrongDiner());
}
