// A plugin module whose hook name is misspelt: registering it must not compile.
import { hookimpl } from "./kitchen.js";

export const addIngredient = hookimpl(({ ingredients }: { ingredients: string[] }) => ingredients);
