// Entry of the core program under Node, Deno and Bun: run from the consumer project, unbundled, so
// that each runtime resolves hooksmith's package.json `exports` and `#platform` conditions itself.
import { coreProgram } from "./core-program.js";

await coreProgram((line) => console.log(line));
