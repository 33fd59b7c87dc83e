// Entry of the core program in Cloudflare workerd (no compatibility flags): a module worker whose
// every request runs the program and answers with its transcript.
/* global Response */
import { coreProgram } from "./core-program.js";

export default {
  async fetch() {
    const lines = [];
    try {
      await coreProgram((line) => lines.push(line));
    } catch (error) {
      lines.push(`program threw: ${error?.stack ?? error}`);
    }
    return new Response(lines.map((line) => `${line}\n`).join(""), { headers: { "content-type": "text/plain; charset=utf-8" } });
  },
};
