import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './src/grading/chromium.ts';

/**
 * Two sites, two projects. `engine` tests the site engine on the fixture course
 * (tests/fixtures/course), whatever content/ holds, so a fork that changes only content/ keeps
 * them green. `course` tests this course's own content (tests/e2e/course/), built from content/.
 */
const enginePort = Number(process.env.COURSE_TEST_PORT ?? 4391);
const coursePort = Number(process.env.COURSE_CONTENT_TEST_PORT ?? enginePort + 10);
const origin = (port: number) => `http://127.0.0.1:${port}`;

type ProjectName = 'engine' | 'course';
type WebServer = Extract<NonNullable<PlaywrightTestConfig['webServer']>, { command: string }>;

/**
 * The projects a command line can reach, so that running one spec does not build both sites:
 * `--project` names them; otherwise file filters under tests/e2e/course/ reach `course` and
 * any other filter reaches `engine`; with neither, both run.
 */
function reachableProjects(argv: readonly string[]): Set<ProjectName> {
  const command = argv.indexOf('test');
  if (command === -1) return new Set(['engine', 'course']);
  const named: string[] = [];
  const filters: string[] = [];
  const args = argv.slice(command + 1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    // Like Playwright's own parser, `--project` takes every value up to the next option.
    if (arg === '--project') while (i + 1 < args.length && !args[i + 1]!.startsWith('-')) named.push(args[++i]!);
    else if (arg.startsWith('--project=')) named.push(arg.slice('--project='.length));
    else if (!arg.startsWith('-')) filters.push(arg);
  }
  if (named.length > 0) return new Set(named.filter((n): n is ProjectName => n === 'engine' || n === 'course'));
  if (filters.length === 0) return new Set(['engine', 'course']);
  return new Set(filters.map((f) => (/(^|\/)e2e\/course(\/|$)/.test(f) ? 'course' : 'engine')));
}

/** The production build of a content folder, served as a static host serves it (scripts/serve.ts). */
function site(name: ProjectName, port: number, env: Record<string, string>): WebServer {
  return {
    name,
    command: `npm run build && node scripts/serve.ts --port ${port}`,
    env,
    url: `${origin(port)}/`,
    // A build takes seconds on an idle machine and minutes on a shared one.
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
  };
}

const servers = {
  engine: site('engine', enginePort, {
    COURSE_CONTENT_DIR: 'tests/fixtures/course',
    COURSE_OUT_DIR: 'node_modules/.cache/e2e/fixture-site',
  }),
  course: site('course', coursePort, {}),
};
const reachable = reachableProjects(process.argv);
const browser = { ...devices['Desktop Chrome'], channel: undefined, launchOptions: chromiumLaunchOptions('headless-shell') };

export default defineConfig({
  fullyParallel: true,
  // Playwright's default is half the cores: one worker on 2. Tests wait on page loads, Runs and
  // builds as much as they compute, so a worker per core keeps every core busy.
  workers: '100%',
  retries: 0,
  // Every exercise test builds on Monaco and the sandbox; on 2 busy cores that can take a while.
  timeout: 60_000,
  // Assertions poll; on a busy machine the search index or a Worker can take more than 5 s to load.
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    // The course's service worker precaches the whole site (10 MB) on every first visit, and each
    // test is a first visit: about 2 s of CPU per test, on a machine the tests already fill. Its
    // own tests (offline.spec.ts) allow it; page.route() also sees every request this way.
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'engine', testDir: 'tests/e2e', testIgnore: 'course/**', use: { ...browser, baseURL: origin(enginePort) } },
    { name: 'course', testDir: 'tests/e2e/course', use: { ...browser, baseURL: origin(coursePort) } },
  ],
  webServer: (['engine', 'course'] as const).filter((p) => reachable.has(p)).map((p) => servers[p]),
});
