// Type tests: definePlugin<Specs>() types its hook members from the spec and checks the plugin as
// register does (see register.test-d.ts), keeping the plugin's own type.

import { describe, expectTypeOf, it } from "vitest";
import { HookimplMarker, definePlugin, type FirstResult } from "hooksmith";

interface Specs {
  greet(args: { name: string }): string;
  pick: FirstResult<(args: { id: number }) => string>;
}
const hookimpl = HookimplMarker("example");

describe("definePlugin", () => {
  it("types a hook member's arguments from the spec", () => {
    definePlugin<Specs>()({
      greet: hookimpl(({ name }) => {
        expectTypeOf(name).toEqualTypeOf<string>();
        return name;
      }),
    });
  });

  it("returns the plugin with its own type", () => {
    const plugin = definePlugin<Specs>()({ pick: hookimpl(({ id }: { id: number }) => String(id)), version: 2 });
    expectTypeOf(plugin.version).toEqualTypeOf<number>();
  });

  it("accepts members that are not hooks, such as specname implementations", () => {
    definePlugin<Specs>()({
      shout: hookimpl({ specname: "greet" })(({ name }: { name: string }) => name.toUpperCase()),
    });
  });

  it("refuses a marked member that names no hook, unless it is optionalhook or has a specname", () => {
    // @ts-expect-error -- no hook is named gret
    definePlugin<Specs>()({ gret: hookimpl(({ name }: { name: string }) => name) });
    definePlugin<Specs>()({ extra: hookimpl({ optionalhook: true })(() => 1) });
    // @ts-expect-error -- specname names no hook
    definePlugin<Specs>()({ shout: hookimpl({ specname: "gret" })(() => "x") });
    // @ts-expect-error -- a specname implementation is checked against the hook it names
    definePlugin<Specs>()({ shout: hookimpl({ specname: "greet" })(() => 1) });
  });

  it("lets an implementation return undefined for any spec", () => {
    definePlugin<Specs & { load(args: { path: string }): Promise<number> }>()({
      greet: hookimpl(() => undefined),
      load: hookimpl(async ({ path }) => (path === "" ? undefined : path.length)),
    });
  });

  it("refuses a hook member with the wrong result or argument types", () => {
    // @ts-expect-error -- greet returns a string, not a number
    definePlugin<Specs>()({ greet: hookimpl(({ name }: { name: string }) => name.length) });
    // @ts-expect-error -- pick receives { id: number }
    definePlugin<Specs>()({ pick: hookimpl(({ id }: { id: string }) => id) });
  });
});
