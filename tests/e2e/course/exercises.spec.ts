import { test } from '@playwright/test';
import { listExercises } from '../../../src/exercises/load.ts';
import { courseContent } from '../../helpers/course-pages.ts';
import { expectStarterFailsAndSolutionPasses } from '../../helpers/exercise-page.ts';

// Each test runs code in the sandbox, most of them twice, on pages that first try to boot a
// WebContainer (offline, up to 20 s): three times the default time.
test.describe.configure({ timeout: 180_000 });

// This course's own exercises (content/), each solved through the page as a learner would.
test.describe('every exercise of this course, through the page', () => {
  for (const id of listExercises(courseContent)) {
    test(`${id}: the starter fails a check and the solution passes them all`, async ({ page }) => {
      await expectStarterFailsAndSolutionPasses(page, id);
    });
  }
});
