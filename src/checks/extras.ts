/**
 * Guards that narrow `unknown` extras (data the harness captured besides spans, such as the
 * requests the learner's code sent) to typed values, without a schema library in the page.
 *
 *   const requests = extra('requests', is.array(is.object({ url: is.string, headers: is.record(is.string) })));
 */

/** A function that tells whether a value has type T. */
export type Guard<T> = (value: unknown) => value is T;

/** The type a guard checks: `GuardedType<typeof requestGuard>`. */
export type GuardedType<G> = G extends Guard<infer T> ? T : never;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const is = {
  unknown: (_: unknown): _ is unknown => true,
  string: (v: unknown): v is string => typeof v === 'string',
  number: (v: unknown): v is number => typeof v === 'number',
  boolean: (v: unknown): v is boolean => typeof v === 'boolean',
  /** An array whose every item passes `item`. */
  array:
    <T>(item: Guard<T>): Guard<T[]> =>
    (v): v is T[] =>
      Array.isArray(v) && v.every(item),
  /** An object whose every value passes `item` (headers: `is.record(is.string)`). */
  record:
    <T>(item: Guard<T>): Guard<Record<string, T>> =>
    (v): v is Record<string, T> =>
      isPlainObject(v) && Object.values(v).every(item),
  /** An object with at least these keys, each passing its guard. */
  object:
    <S extends Record<string, Guard<unknown>>>(shape: S): Guard<{ [K in keyof S]: GuardedType<S[K]> }> =>
    (v): v is { [K in keyof S]: GuardedType<S[K]> } =>
      isPlainObject(v) && Object.entries(shape).every(([key, guard]) => guard(v[key])),
  /** The value, or undefined. */
  optional:
    <T>(item: Guard<T>): Guard<T | undefined> =>
    (v): v is T | undefined =>
      v === undefined || item(v),
} as const;

/** A header's value by case-insensitive name; the first one when it was sent several times. */
export function header(headers: Readonly<Record<string, string | readonly string[] | undefined>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, v] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return typeof v === 'string' ? v : v?.[0];
  }
  return undefined;
}
