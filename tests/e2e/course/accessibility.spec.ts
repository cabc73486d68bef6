import { expect, test } from '@playwright/test';
import { violationsInEachMode } from '../../helpers/axe.ts';
import { courseContent, lessonPaths } from '../../helpers/course-pages.ts';

// This course's own pages (content/): what authors write (tables, diagrams, code, terms) meets
// WCAG 2.2 AA in both themes and at phone width. The engine's pages are tested on the fixture
// course in tests/e2e/accessibility.spec.ts.
const pages = ['/', ...lessonPaths(courseContent), '/glossary/'];

// Lesson 1 shows three traces in span viewers; axe takes minutes over it on a busy 2-core machine.
test.describe.configure({ timeout: 240_000 });

for (const url of pages) {
  test(`${url} has no WCAG 2.2 AA violations, in either theme or at phone width`, async ({ page }) => {
    expect(await violationsInEachMode(page, url)).toEqual({ light: [], dark: [], phone: [] });
  });
}
