import type { PagefindResultData, PagefindSubResult } from './pagefind-client.ts';

/** One line of the results list: a section of a page. */
export interface SearchHit {
  url: string;
  /** The page's title (a lesson title, or "Glossary"). */
  page: string;
  /** The heading of the section, or null for the top of the page. */
  heading: string | null;
  /** Pagefind excerpt: escaped text with <mark> (see excerpt.ts). */
  excerpt: string;
}

/** The sections of a page with the most matches, in reading order. */
function bestSections(subResults: PagefindSubResult[], limit: number): PagefindSubResult[] {
  return subResults
    .map((sub, order) => ({ sub, order }))
    .sort((a, b) => b.sub.locations.length - a.sub.locations.length || a.order - b.order)
    .slice(0, limit)
    .sort((a, b) => a.order - b.order)
    .map(({ sub }) => sub);
}

/**
 * Flattens Pagefind's pages (best first) into hits, a few sections per page, so that a
 * search for a term lands on the heading that discusses it rather than the top of a long lesson.
 */
export function toHits(pages: PagefindResultData[], sectionsPerPage = 3): SearchHit[] {
  return pages.flatMap((page) => {
    const title = page.meta.title?.trim() || page.url;
    const sections = bestSections(page.sub_results, sectionsPerPage);
    if (sections.length === 0) return [{ url: page.url, page: title, heading: null, excerpt: page.excerpt }];
    return sections.map((sub) => ({
      url: sub.url,
      page: title,
      heading: !sub.url.includes('#') && sub.title.trim() === title ? null : sub.title.trim(),
      excerpt: sub.excerpt,
    }));
  });
}
