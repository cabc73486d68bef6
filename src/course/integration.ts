import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { recordBuildBase, recordedBuildBase } from './build-base.ts';
import { courseChecks } from './checks-module.ts';
import { formatProblem, lintCourse } from './lint.ts';
import type { CoursePaths } from './paths.ts';
import { lessonReferenceCheck } from './reference-check.ts';
import { recordReferenceTraces, referenceTraceOf } from '../build/reference-traces.ts';

/**
 * An error that is only its message: the problems name the content files and lines, and a stack
 * trace through this integration and Astro's hooks would only bury them.
 */
function contentError(message: string): Error {
  const error = new Error(message);
  Object.defineProperty(error, 'stack', { value: '', enumerable: false });
  return error;
}

/**
 * Runs the cross-file content checks before Astro builds anything. A build stops on the first
 * report with every problem listed; `astro dev` keeps serving and logs them instead, so that an
 * instructor can fix them while the page reloads.
 */
/** `astro dev` writes no files: it runs an exercise's solution when its page first asks for the reference trace. */
function devReferenceTraces(course: Pick<CoursePaths, 'contentDir' | 'cacheDir'>): Plugin {
  return {
    name: 'course-reference-traces',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const id = /\/reference-traces\/([a-z0-9-]+)\.json$/.exec(req.url?.split('?')[0] ?? '')?.[1];
        if (!id) return next();
        referenceTraceOf(course, id).then(
          (text) => {
            res.statusCode = text === undefined ? 404 : 200;
            res.setHeader('content-type', 'application/json');
            res.end(text ?? '{}');
          },
          (error: unknown) => next(error),
        );
      });
    },
  };
}

export function courseContent(course: Pick<CoursePaths, 'contentDir' | 'outDir' | 'cacheDir'>): AstroIntegration {
  const { contentDir } = course;
  let base = '/';
  return {
    name: 'course-content',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ logger }) => {
        recordBuildBase(course.cacheDir, course.outDir, base);
        // Each program exercise's solution, run for the comparison the learner may ask for.
        const started = performance.now();
        const report = await recordReferenceTraces(course);
        for (const problem of report.problems) logger.warn(problem);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        logger.info(`${report.written.length} reference trace(s) (${report.cached} from the cache) in ${seconds} s`);
      },
      'astro:config:setup': ({ command, config, logger, updateConfig }) => {
        if (command === 'preview' && process.env.COURSE_BASE === undefined) {
          const built = recordedBuildBase(course.cacheDir, course.outDir);
          if (built && built !== config.base) {
            updateConfig({ base: built });
            logger.info(`Serving the build at ${built}, the COURSE_BASE it was built with.`);
          }
          return;
        }
        updateConfig({
          vite: {
            plugins: [
              courseChecks(contentDir),
              lessonReferenceCheck(contentDir),
              devReferenceTraces(course),
            ],
          },
        });
        const problems = lintCourse(contentDir);
        if (problems.length === 0) return;
        const report = problems.map((p) => formatProblem(p, contentDir)).join('\n');
        if (command === 'build') throw contentError(`The course content has ${problems.length} problem(s):\n${report}`);
        logger.error(report);
      },
    },
  };
}
