import { describe, expectTypeOf, it } from "vitest";
import { HookimplMarker, definePlugin, type FirstResult } from "../../src/index.ts";

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

  it("refuses a hook member with the wrong result or argument types", () => {
    // @ts-expect-error -- greet returns a string, not a number
    definePlugin<Specs>()({ greet: hookimpl(({ name }: { name: string }) => name.length) });
    // @ts-expect-error -- pick receives { id: number }
    definePlugin<Specs>()({ pick: hookimpl(({ id }: { id: string }) => id) });
  });
});
