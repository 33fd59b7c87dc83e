// The runtime check of the consumer fixture: compiled by each TypeScript of the matrix, in each
// module format and decorator mode, then run with Node; it prints one line the runner compares.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PluginManager } from "hooksmith";
import { cook } from "./calls.js";
import { Diner, DinerSpecs } from "./decorated.js";
import { createKitchen } from "./kitchen.js";
import { deployKitchen } from "./outputs.js";
import { registerAll } from "./plugins.js";
import { testKitchen } from "./testing.js";

async function main(): Promise<void> {
  const pm = createKitchen();
  registerAll(pm);
  pm.register(new Diner(), "diner");
  const cooked = await cook(pm);

  const diner = new PluginManager<DinerSpecs>("kitchen");
  diner.addHookspecs(DinerSpecs);
  diner.register(new Diner(), "diner");
  const served = diner.hook.addIngredients({ ingredients: ["spam"] });

  const tested = testKitchen().hook.addIngredients({ ingredients: ["egg"] });
  const plates = await deployKitchen(mkdtempSync(join(tmpdir(), "hooksmith-kitchen-")));
  console.log(JSON.stringify({ cooked, served, tested, plates }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
