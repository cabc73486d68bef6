/**
 * Harness and program share one JavaScript realm. Before the program runs, the harness freezes
 * the built-ins its own code relies on (JSON, Object's statics, the Array, Map and Set
 * prototypes, ...) and the clocks, so that a program cannot change what the harness reports by
 * patching them: a patched `JSON.stringify` could otherwise forge the frames the harness signs,
 * a patched `Array.prototype.push` could slip records into a batch, a patched `Date.now` could
 * stretch durations. `Object.prototype` and `Error.prototype` stay unfrozen: freezing them
 * would break ordinary code (`this.name = 'PaymentDeclined'` in an Error subclass).
 */
export function freezeIntrinsics(extra: object[] = []): void {
  const iteratorProto = (value: Iterable<unknown>) => Object.getPrototypeOf(value[Symbol.iterator]()) as object;
  const targets: object[] = [
    JSON,
    Math,
    Reflect,
    Object,
    Array,
    Array.prototype,
    iteratorProto([]),
    Map.prototype,
    iteratorProto(new Map()),
    Set.prototype,
    iteratorProto(new Set()),
    WeakMap.prototype,
    WeakSet.prototype,
    Function.prototype,
    String.prototype,
    Number.prototype,
    BigInt.prototype,
    Boolean.prototype,
    Symbol,
    Date,
    Date.prototype,
    Promise,
    Promise.prototype,
    ...extra,
  ];
  if (typeof performance !== 'undefined') targets.push(Object.getPrototypeOf(performance) as object, performance);
  for (const target of targets) Object.freeze(target);
}
