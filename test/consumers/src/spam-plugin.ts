// A plugin written as a module: its namespace is registered as it is.
import { hookimpl } from "./kitchen.js";

export const addIngredients = hookimpl(({ ingredients }: { ingredients: string[] }) =>
  ingredients.includes("egg") ? ["lovely spam"] : ["spam"],
);

export const serve = hookimpl(async ({ table }: { table: number }) => (table > 0 ? table * 2 : undefined));

/** Not a hook: free. */
export const motto = "spam, spam, spam";
