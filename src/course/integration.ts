import type { AstroIntegration } from 'astro';
import { formatProblem, lintCourse } from './lint.ts';

/**
 * Runs the cross-file content checks before Astro builds anything. A build stops on the first
 * report with every problem listed; `astro dev` keeps serving and logs them instead, so that an
 * instructor can fix them while the page reloads.
 */
export function courseContent(contentDir: string): AstroIntegration {
  return {
    name: 'course-content',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        const problems = lintCourse(contentDir);
        if (problems.length === 0) return;
        const report = problems.map((p) => formatProblem(p, contentDir)).join('\n');
        if (command === 'build') {
          throw new Error(`The course content has ${problems.length} problem(s):\n${report}`);
        }
        logger.error(report);
      },
    },
  };
}
