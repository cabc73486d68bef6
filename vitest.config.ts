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
    // A worker per core (Vitest keeps one free by default: one worker on 2 cores). The slowest files
    // wait on child processes (site builds, host Node runs); those that run Astro take turns
    // (tests/helpers/astro-lock.ts).
    maxWorkers: '100%',
    projects: [
      { extends: true, test: { name: 'engine', include: ['tests/unit/**/*.test.ts'], exclude: ['tests/unit/course/**'] } },
      { extends: true, test: { name: 'course', include: ['tests/unit/course/**/*.test.ts'] } },
    ],
  },
});
