// The startup case, on tapable: three hooks, 10 plugins tapping each, one call. tapable's hooks
// return nothing, so the taps of `compute` collect their results as hooksmith's call returns them.

import { SyncHook } from "tapable";

const hooks = {
  configure: new SyncHook(["config"]),
  compute: new SyncHook(["args"]),
  report: new SyncHook(["name"]),
};
const results = [];
for (let index = 0; index < 10; index++) {
  const name = `plugin-${index}`;
  hooks.configure.tap(name, (config) => {
    config[`plugin${index}`] = true;
  });
  // Taps run in registration order and hooksmith's implementations last-registered first:
  // unshift gives the same list.
  hooks.compute.tap(name, ({ a, b }) => {
    results.unshift(a * b + index);
  });
  hooks.report.tap(name, (value) => {
    results.push(`${value}:${index}`);
  });
}

hooks.compute.call({ a: 2, b: 3 });
export const result = results;
