import { describe, expect, it } from 'vitest';
import { decodeEntities, parseExcerpt } from '../../src/search/excerpt.ts';
import { toHits } from '../../src/search/hits.ts';
import type { PagefindResultData, PagefindSubResult } from '../../src/search/pagefind-client.ts';
import { siteBase } from '../../src/search/pagefind-client.ts';
import { isSearchShortcut } from '../../src/search/shortcut.ts';

describe('search excerpts', () => {
  it('splits a Pagefind excerpt into plain and marked text, decoding the escaped characters', () => {
    expect(parseExcerpt('function f(): <mark>Promise&lt;void&gt;</mark> { a &amp;&amp; b }')).toEqual([
      { text: 'function f(): ', marked: false },
      { text: 'Promise<void>', marked: true },
      { text: ' { a && b }', marked: false },
    ]);
  });

  it('keeps any other markup as literal text, so nothing in an excerpt can become an element', () => {
    const parts = parseExcerpt('<img src=x onerror=alert(1)> <mark>x</mark><script>alert(2)</script>');
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)> ', marked: false },
      { text: 'x', marked: true },
      { text: '<script>alert(2)</script>', marked: false },
    ]);
  });

  it('survives unbalanced and nested marks and merges neighbouring runs', () => {
    expect(parseExcerpt('</mark>a<mark><mark>b</mark>c</mark></mark>d<mark>')).toEqual([
      { text: 'a', marked: false },
      { text: 'bc', marked: true },
      { text: 'd', marked: false },
    ]);
    expect(parseExcerpt('')).toEqual([]);
  });

  it('decodes numeric entities and leaves unknown or invalid ones as written', () => {
    expect(decodeEntities('&#39;a&#x27; &copy; &#0; &bogus; & alone')).toBe("'a' &copy; &#0; &bogus; & alone");
  });
});

describe('search hits', () => {
  const sub = (title: string, url: string, matches: number): PagefindSubResult => ({
    title,
    url,
    excerpt: `${title} <mark>x</mark>`,
    locations: Array.from({ length: matches }, (_, i) => i),
  });
  const page = (title: string | undefined, url: string, subs: PagefindSubResult[]): PagefindResultData => ({
    url,
    excerpt: 'page <mark>x</mark>',
    meta: title === undefined ? {} : { title },
    sub_results: subs,
  });

  it('keeps the sections with the most matches, in reading order, and names the top of the page by its title only', () => {
    const hits = toHits([
      page('Sampling', '/lessons/sampling/', [
        sub('Sampling', '/lessons/sampling/', 1),
        sub('Head sampling', '/lessons/sampling/#head', 5),
        sub('Tail sampling', '/lessons/sampling/#tail', 1),
        sub('Counting', '/lessons/sampling/#counting', 3),
      ]),
    ]);
    expect(hits.map((h) => [h.url, h.heading])).toEqual([
      ['/lessons/sampling/', null],
      ['/lessons/sampling/#head', 'Head sampling'],
      ['/lessons/sampling/#counting', 'Counting'],
    ]);
    expect(hits.every((h) => h.page === 'Sampling')).toBe(true);
  });

  it('keeps the order of pages and falls back to the page excerpt and URL', () => {
    const hits = toHits([page(undefined, '/glossary/', []), page('Backends', '/lessons/backends/', [sub('Jaeger', '/lessons/backends/#jaeger', 1)])]);
    expect(hits).toEqual([
      { url: '/glossary/', page: '/glossary/', heading: null, excerpt: 'page <mark>x</mark>' },
      { url: '/lessons/backends/#jaeger', page: 'Backends', heading: 'Jaeger', excerpt: 'Jaeger <mark>x</mark>' },
    ]);
  });
});

describe('search shortcut', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });

  it('is / alone, Ctrl+K or Cmd+K', () => {
    expect(isSearchShortcut(key('/'))).toBe(true);
    expect(isSearchShortcut(key('k', { ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key('K', { metaKey: true }))).toBe(true);
  });

  it('is not k alone, Ctrl+/ , Alt+/ or Ctrl+Cmd+K', () => {
    expect(isSearchShortcut(key('k'))).toBe(false);
    expect(isSearchShortcut(key('/', { ctrlKey: true }))).toBe(false);
    expect(isSearchShortcut(key('/', { altKey: true }))).toBe(false);
    expect(isSearchShortcut(key('k', { ctrlKey: true, metaKey: true }))).toBe(false);
  });
});

describe('site base', () => {
  it('ends the base path with a slash', () => {
    expect(siteBase('/')).toBe('/');
    expect(siteBase('/course')).toBe('/course/');
    expect(siteBase('/course/')).toBe('/course/');
  });
});
