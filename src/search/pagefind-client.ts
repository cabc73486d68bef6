/**
 * The part of Pagefind's browser API (`pagefind/pagefind.js`, written by the build) that the
 * search dialog uses. Pagefind ships no types for it, so the shapes are declared here and the
 * loaded module is checked before use.
 */

export interface PagefindSubResult {
  /** Text of the heading the section starts at (the page title for the top of the page). */
  title: string;
  url: string;
  /** Plain text, HTML-escaped, with the matched words wrapped in <mark>. */
  excerpt: string;
  locations: number[];
}

export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results: PagefindSubResult[];
}

export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}

export interface PagefindClient {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  search(term: string): Promise<{ results: PagefindResult[] }>;
}

function isPagefindClient(value: unknown): value is PagefindClient {
  if (typeof value !== 'object' || value === null) return false;
  const api = value as Record<string, unknown>;
  return typeof api.search === 'function' && typeof api.options === 'function' && typeof api.init === 'function';
}

/** `/course` and `/course/` both mean the folder `/course/`. */
export function siteBase(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}

/**
 * Loads the index's client from the built site on first use, so that pages that never search
 * download none of it. Result URLs come back under the site's base path.
 */
export async function loadPagefind(base: string): Promise<PagefindClient> {
  const module: unknown = await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`);
  if (!isPagefindClient(module)) throw new Error('pagefind.js does not export search()');
  await module.options({ baseUrl: base, excerptLength: 24 });
  await module.init();
  return module;
}
