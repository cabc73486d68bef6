import { test } from '@playwright/test';
import { listExercises } from '../../../src/exercises/load.ts';
import { courseContent } from '../../helpers/course-pages.ts';
import { expectStarterFailsAndSolutionPasses } from '../../helpers/exercise-page.ts';

// This course's own exercises (content/), each solved through the page as a learner would.
test.describe('every exercise of this course, through the page', () => {
  for (const id of listExercises(courseContent)) {
    test(`${id}: the starter fails a check and the solution passes them all`, async ({ page }) => {
      await expectStarterFailsAndSolutionPasses(page, id);
    });
  }
});
