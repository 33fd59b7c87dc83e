// The startup case, on hookable: three hooks, 10 plugins hooking each, one call (hookable calls
// are always async). Its hooks return nothing, so `compute` collects the results itself.

import { createHooks } from "hookable";

const hooks = createHooks();
const results = [];
for (let index = 0; index < 10; index++) {
  hooks.hook("configure", (config) => {
    config[`plugin${index}`] = true;
  });
  hooks.hook("compute", ({ a, b }) => {
    results.unshift(a * b + index);
  });
  hooks.hook("report", (name) => {
    results.push(`${name}:${index}`);
  });
}

await hooks.callHook("compute", { a: 2, b: 3 });
export const result = results;
