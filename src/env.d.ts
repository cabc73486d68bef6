declare var __termCount: number | undefined;

declare module 'virtual:course/checks' {
  /** Loads an exercise's checks.ts (its default export), by exercise id. */
  export const checkLoaders: Record<string, () => Promise<{ default: unknown }>>;
}

// Plain `tsc` cannot read .astro files; their default export is an Astro component.
declare module '*.astro' {
  const component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default component;
}
