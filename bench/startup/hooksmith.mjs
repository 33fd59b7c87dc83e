// The startup case, on hooksmith: import the entry point, create a manager, add three specs,
// register 10 plugins with three implementations each, call one hook. Run by ./time.mjs against
// the built package ("hooksmith" resolves to dist/ by the package's own name).

import { HookimplMarker, HookspecMarker, PluginManager } from "hooksmith";

const hookspec = HookspecMarker("startup");
const hookimpl = HookimplMarker("startup");

const pm = new PluginManager("startup");
pm.addHookspecs({
  configure: hookspec(({ config }) => config),
  compute: hookspec(({ a, b }) => a + b),
  report: hookspec(({ name }) => name),
});
for (let index = 0; index < 10; index++) {
  pm.register(
    {
      configure: hookimpl(({ config }) => {
        config[`plugin${index}`] = true;
      }),
      compute: hookimpl(({ a, b }) => a * b + index),
      report: hookimpl(({ name }) => `${name}:${index}`),
    },
    `plugin-${index}`,
  );
}

export const result = pm.hook.compute({ a: 2, b: 3 });
