import { defineConfig } from 'vitest/config';

/**
 * `engine`: the site engine, tested on its own fixtures (tests/fixtures/course), whatever
 * content/ holds. `course`: this course's own content (tests/unit/course/); a fork that
 * replaces content/ replaces or drops these.
 */
export default defineConfig({
  test: {
    // Several tests build a whole site, which takes minutes on a busy shared machine.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // Vitest's default worker count (cores - 1: one on 2 cores), on purpose: the files that run
    // Astro (build, dev server, preview) must not run at once, since every Astro process of the
    // repository writes the same .astro/ folder (a build then fails rendering a lesson), and
    // Vitest 5 runs projects with their own worker counts one after another, not side by side.
    projects: [
      { extends: true, test: { name: 'engine', include: ['tests/unit/**/*.test.ts'], exclude: ['tests/unit/course/**'] } },
      { extends: true, test: { name: 'course', include: ['tests/unit/course/**/*.test.ts'] } },
    ],
  },
});
