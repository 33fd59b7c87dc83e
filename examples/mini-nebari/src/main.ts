// The command line entry: `bin/mini-nebari.js` starts tsx and imports this module.
export { main } from "./program.ts";
