// The "core program" of the size budget (issue 13): two specs, two plugins, a new-style wrapper, a
// call and a callAsync. scripts/size.mjs bundles it from the packed package and runs it.

import { HookimplMarker, HookspecMarker, PluginManager } from "hooksmith";

const hookspec = HookspecMarker("app");
const hookimpl = HookimplMarker("app");

const pm = new PluginManager("app");
pm.addHookspecs({
  greet: hookspec(({ name }) => name),
  pick: hookspec({ firstresult: true })(({ items }) => items[0]),
});
pm.register(
  {
    greet: hookimpl(({ name }) => `hello ${name}`),
    pick: hookimpl(({ items }) => items.at(-1)),
  },
  "one",
);
pm.register(
  {
    greet: hookimpl({ wrapper: true })(function* () {
      const inner = yield;
      return [...inner, "wrapped"];
    }),
  },
  "two",
);
console.log(JSON.stringify(pm.hook.greet({ name: "world" })), pm.hook.pick({ items: [1, 2] }));
console.log(JSON.stringify(await pm.hook.greet.callAsync({ name: "async" })));
