// fast-check generators of plugin pools and operation sequences for the model-based properties.
import fc from "fast-check";
import type {
  CallbackDef,
  HookName,
  ImplAction,
  ImplDef,
  ImplFlaw,
  ImplKind,
  ImplOrder,
  ImplReturn,
  Op,
  PluginDef,
  WrapperSetup,
  WrapperTeardown,
} from "./model.ts";

/** How many plugins a pool has. */
export const poolSize = 5;

/**
 * What a run stresses:
 * - `"mixed"`: plugins mostly behave, so results, call order and wrappers are exercised;
 * - `"hostile"`: plugins throw or are defective most of the time, so failures are exercised;
 * - `"wrappers"`: hooks with several new- and old-style wrappers, some failing before or after
 *   their `yield`;
 * - `"reentrant"`: historic hooks, replays, result callbacks, and implementations that register
 *   or unregister plugins while they are called;
 * - `"hot"`: hooks called often enough for the manager to compile their calls.
 */
export type Profile = "mixed" | "hostile" | "wrappers" | "reentrant" | "hot";

interface Weights {
  /** Weight of a sound implementation against each kind of defect (weight 1 each). */
  readonly sound: number;
  /** Weight of each way to fail at run time (throw, no yield…). */
  readonly bad: number;
  /** Weight of "no action" against register and unregister (weight 1 each). */
  readonly quiet: number;
  /** Weights of plain implementations, new-style and old-style wrappers. */
  readonly kinds: readonly [number, number, number];
  /** Weights of the hooks an implementation targets: h, f, hist, u1, u2. */
  readonly hooks: readonly [number, number, number, number, number];
  /** Weights of the operations: register, unregister, setBlocked, unblock, call, callHistoric, badCall, hotCall. */
  readonly ops: readonly [number, number, number, number, number, number, number, number];
}

const profiles: Record<Profile, Weights> = {
  mixed: { sound: 30, bad: 1, quiet: 8, kinds: [5, 2, 2], hooks: [4, 2, 2, 1, 1], ops: [5, 3, 1, 1, 6, 3, 1, 1] },
  hostile: { sound: 8, bad: 4, quiet: 4, kinds: [5, 2, 2], hooks: [4, 2, 2, 1, 1], ops: [5, 3, 1, 1, 6, 3, 1, 1] },
  wrappers: { sound: 30, bad: 2, quiet: 12, kinds: [3, 3, 3], hooks: [4, 3, 0, 1, 0], ops: [3, 2, 0, 0, 8, 0, 1, 1] },
  reentrant: { sound: 30, bad: 1, quiet: 2, kinds: [5, 2, 2], hooks: [3, 1, 4, 1, 0], ops: [4, 3, 1, 1, 4, 5, 0, 0] },
  hot: { sound: 40, bad: 1, quiet: 30, kinds: [4, 1, 1], hooks: [4, 3, 0, 2, 0], ops: [2, 2, 1, 1, 2, 0, 0, 4] },
};

/**
 * Repeats each value `weight` times, for `fc.constantFrom`'s uniform choice.
 *
 * @param entries - Values with their weights.
 * @returns The weighted list.
 */
function weighted<T>(...entries: Array<readonly [T, number]>): T[] {
  return entries.flatMap(([value, weight]) => Array.from({ length: weight }, () => value));
}

// Explicit names collide with each other and with the canonical name of plugin 0; "" means canonical.
const nameArbitrary = fc.constantFrom<string | undefined>(undefined, undefined, "", "a", "b", "P0");
const namedArbitrary = fc.constantFrom("a", "b", "P0", "P1", "P2");
const pluginIndex = fc.nat({ max: poolSize - 1 });
const mode = fc.constantFrom("sync" as const, "async" as const);

function actionArbitrary(weights: Weights): fc.Arbitrary<ImplAction> {
  return fc.oneof(
    { weight: weights.quiet, arbitrary: fc.constant<ImplAction>({ type: "none" }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("register" as const), target: pluginIndex, name: nameArbitrary }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("unregister" as const), target: pluginIndex }) },
  );
}

function implArbitrary(weights: Weights): fc.Arbitrary<ImplDef> {
  const { bad, sound } = weights;
  const [h, f, hist, u1, u2] = weights.hooks;
  const record = fc.record({
    hook: fc.constantFrom<HookName>(...weighted<HookName>(["h", h], ["f", f], ["hist", hist], ["u1", u1], ["u2", u2])),
    kind: fc.constantFrom<ImplKind>(
      ...weighted<ImplKind>(["plain", weights.kinds[0]], ["new", weights.kinds[1]], ["old", weights.kinds[2]]),
    ),
    order: fc.constantFrom(...weighted<ImplOrder>(["plain", 2], ["tryfirst", 1], ["trylast", 1])),
    ret: fc.constantFrom(...weighted<ImplReturn>(["value", 8], ["undefined", 3], ["throw", bad])),
    async: fc.boolean(),
    setup: fc.constantFrom(...weighted<WrapperSetup>(["ok", 10], ["throw", bad], ["noyield", bad])),
    teardown: fc.constantFrom(...weighted<WrapperTeardown>(["pass", 6], ["throw", bad], ["replace", 1])),
    asyncGen: fc.constantFrom(...weighted([false, 8], [true, bad])),
    flaw: fc.constantFrom<ImplFlaw>(
      ...weighted<ImplFlaw>(["none", sound], ["unknown-arg", bad], ["not-generator", bad], ["parse-throws", bad]),
    ),
    action: actionArbitrary(weights),
    // A historic hook refuses wrappers: keep most of its implementations plain so that plugins
    // implementing it can register.
    historicWrapper: fc.constantFrom(...weighted([false, sound], [true, bad * 3])),
  });
  return record.map(({ historicWrapper, ...def }): ImplDef =>
    def.hook === "hist" && !historicWrapper ? { ...def, kind: "plain" } : def,
  );
}

const callbackArbitrary: fc.Arbitrary<CallbackDef> = fc.oneof(
  fc.constant<CallbackDef>("none"),
  fc.constant<CallbackDef>("log"),
  fc.record({ throwFor: pluginIndex }),
);
const calledHook = fc.constantFrom<HookName>(...weighted<HookName>(["h", 3], ["f", 2], ["u1", 1], ["u2", 1], ["hist", 1]));
const registerArbitrary = fc.record({
  type: fc.constant("register" as const),
  plugin: pluginIndex,
  name: nameArbitrary,
  async: fc.boolean(),
});

function opArbitrary(weights: Weights): fc.Arbitrary<Op> {
  const [register, unregister, setBlocked, unblock, call, callHistoric, badCall, hotCall] = weights.ops;
  const choices: Array<fc.WeightedArbitrary<Op>> = [
    { weight: register, arbitrary: registerArbitrary },
    {
      weight: unregister,
      arbitrary: fc.record({
        type: fc.constant("unregister" as const),
        by: fc.constantFrom("plugin" as const, "name" as const, "both" as const),
        plugin: pluginIndex,
        name: namedArbitrary,
      }),
    },
    { weight: setBlocked, arbitrary: fc.record({ type: fc.constant("setBlocked" as const), name: namedArbitrary }) },
    { weight: unblock, arbitrary: fc.record({ type: fc.constant("unblock" as const), name: namedArbitrary }) },
    { weight: call, arbitrary: fc.record({ type: fc.constant("call" as const), hook: calledHook, mode }) },
    {
      weight: callHistoric,
      arbitrary: fc.record({ type: fc.constant("callHistoric" as const), mode, callback: callbackArbitrary }),
    },
    { weight: badCall, arbitrary: fc.record({ type: fc.constant("badCall" as const), hook: calledHook, mode }) },
    {
      weight: hotCall,
      arbitrary: fc.record({ type: fc.constant("hotCall" as const), hook: fc.constantFrom<HookName>("h", "f", "u1") }),
    },
  ];
  return fc.oneof(...choices.filter((choice) => choice.weight > 0));
}

/**
 * A run: a pool of plugins and the operations applied to it. It usually starts by registering a
 * few distinct plugins (so that calls have implementations to order), often after a historic call
 * (so that those registrations replay it).
 *
 * @param profile - What the run stresses.
 * @returns The generator.
 */
export function runArbitrary(profile: Profile): fc.Arbitrary<{ pool: PluginDef[]; ops: Op[] }> {
  const weights = profiles[profile];
  return fc.record({
    pool: fc.array(fc.record({ impls: fc.array(implArbitrary(weights), { minLength: 1, maxLength: 4 }) }), {
      minLength: poolSize,
      maxLength: poolSize,
    }),
    ops: fc
      .tuple(
        fc.shuffledSubarray([...Array(poolSize).keys()]),
        fc.array(fc.record({ name: nameArbitrary, async: fc.boolean() }), { minLength: poolSize, maxLength: poolSize }),
        fc.array(opArbitrary(weights), { minLength: 1, maxLength: 25 }),
        fc.option(fc.record({ type: fc.constant("callHistoric" as const), mode, callback: callbackArbitrary }), {
          nil: undefined,
        }),
      )
      .map(([first, how, rest, historic]) => [
        // A historic call first makes every registration replay it.
        ...(historic === undefined ? [] : [historic]),
        ...first.map((plugin, index): Op => ({ type: "register", plugin, ...how[index]! })),
        ...rest,
      ]),
  });
}
