import { expect, test } from '@playwright/test';
import { settledPage, violations } from '../../helpers/axe.ts';
import { courseContent, lessonPaths } from '../../helpers/course-pages.ts';

// This course's own pages (content/): what authors write (tables, diagrams, code, terms) meets
// WCAG 2.2 AA in both themes and at phone width. The engine's pages are tested on the fixture
// course in tests/e2e/accessibility.spec.ts.
const pages = ['/', ...lessonPaths(courseContent), '/glossary/'];

// Lesson 1 shows three traces in span viewers; axe takes minutes over it on a busy 2-core machine.
test.describe.configure({ timeout: 240_000 });

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    for (const url of pages) {
      test(`${url} has no WCAG 2.2 AA violations`, async ({ page }) => {
        await settledPage(page, url);
        expect(await violations(page)).toEqual([]);
      });
    }
  });
}

test.describe('axe, phone width', () => {
  test.use({ viewport: { width: 375, height: 740 } });
  for (const url of pages) {
    test(`${url} has no violations at 375 px`, async ({ page }) => {
      await settledPage(page, url);
      expect(await violations(page)).toEqual([]);
    });
  }
});
