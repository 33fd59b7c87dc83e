// Entry of the core program in a browser page: runs it and posts the transcript back to the page's
// own origin, which the harness serves on loopback, with the Content Security Policy violations
// the page saw (each attempt to compile code where the policy forbids it is one).
/* global addEventListener, fetch */
import { coreProgram } from "./core-program.js";

const violations = [];
addEventListener("securitypolicyviolation", (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));

const lines = [];
try {
  await coreProgram((line) => lines.push(line));
} catch (error) {
  lines.push(`program threw: ${error?.stack ?? error}`);
}
// Violation events are queued as tasks: let them arrive.
await new Promise((resolve) => setTimeout(resolve, 50));
await fetch("/transcript", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ transcript: lines.map((line) => `${line}\n`).join(""), violations }),
});
