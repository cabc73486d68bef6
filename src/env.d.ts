declare var __termCount: number | undefined;

declare module 'virtual:course/checks' {
  /** Loads an exercise's checks.ts (its default export), by exercise id. */
  export const checkLoaders: Record<string, () => Promise<{ default: unknown }>>;
}
