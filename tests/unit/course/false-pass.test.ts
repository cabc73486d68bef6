import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResults } from '../../../src/checks/index.ts';
import { listExercises, loadExercise, type LoadedExercise } from '../../../src/exercises/load.ts';
import { gradeSubmission } from '../../../src/grading/grade.ts';
import { typecheckExercises } from '../../../src/grading/typecheck-exercises.ts';
import { NodeRuntime } from '../../../src/runtime/node-runtime.ts';
import { RunSession } from '../../../src/runtime/run-session.ts';
import { repoRoot } from '../../helpers/content.ts';
import { courseContent } from '../../helpers/course-pages.ts';

// Submissions that look right and are not, graded through the same engine as `npm run grade`
// (host Node, the hidden run included): each fails, with a message that names its mistake. And
// correct submissions written differently from the reference solutions, which pass. A submission
// is what the learner hands in for its exercise's kind: the program's file (`.ts`), a Collector
// configuration (`.yaml`), or the answers of a trace-reading exercise (`.yaml`).
const SUBMISSIONS = path.join(repoRoot, 'tests/fixtures/submissions');
// A fixed seed, so that a failure here reproduces with `npm run grade -- <id> <file> --seed 20261206`.
const SEED = 20261206;

const session = new RunSession(new NodeRuntime());
const exercises = new Map<string, LoadedExercise>();
const exercise = (id: string) => {
  if (!exercises.has(id)) exercises.set(id, loadExercise(courseContent, id));
  return exercises.get(id)!;
};

// Half as many sandboxes at a time as there are cores (the grader and the transpiler take the
// rest): more only makes each run slower, up to its time limit.
let running = 0;
const waiting: Array<() => void> = [];
async function limited<T>(task: () => Promise<T>): Promise<T> {
  if (running >= Math.max(1, Math.floor(os.availableParallelism() / 2))) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await task();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function grade(file: string): Promise<CheckResults> {
  const id = path.dirname(file);
  const code = fs.readFileSync(path.join(SUBMISSIONS, file), 'utf8');
  return limited(async () => (await gradeSubmission(exercise(id), code, session, { seed: SEED })).results);
}

/** Absolute paths of this machine (the path to node, the checkout) in any learner-facing text. */
const MACHINE_PATH = /(?:^|[\s"'`(=:])\/(?:usr|home|root|tmp|work|opt|bin|var|etc|nix|Users|private)\/[^\s"'`]*/;
function expectNoMachinePath(results: CheckResults): void {
  for (const text of [results.message, ...results.tests.map((t) => t.message)]) {
    if (!text) continue;
    expect(text).not.toMatch(MACHINE_PATH);
    expect(text).not.toContain(repoRoot);
    expect(text).not.toContain(process.execPath);
  }
}

interface Mistake {
  file: string;
  /** The check that catches it: a part of its title. */
  check: string;
  /** What its message must say. */
  message: RegExp;
}

const classes: Record<string, Mistake[]> = {
  'late-ending parents': [
    { file: 'checkout-trace/late-parent.ts', check: 'Every span lasts until', message: /`POST \/checkout` ended .* before its child .*not awaited.*return await work\(\)/ },
    { file: 'checkout-trace/late-step.ts', check: 'Every span lasts until', message: /`charge payment` ended .* before its child `stripe api call`/ },
    { file: 'one-trace/late-root.ts', check: 'the request as long as its steps', message: /`GET \/orders\/:id` ended .* before its child .*not awaited/ },
    { file: 'failing-payment/late-end.ts', check: 'is active while its order is submitted', message: /`processCheckout` ended .* before the `submitOrder` it wraps finished.*Await the work/ },
    { file: 'end-every-span/late-end.ts', check: 'is active while its coupon is looked up', message: /`apply discount` ended .* before the `lookUpCoupon` it wraps finished/ },
  ],
  'fixed answers': [
    { file: 'one-trace/fixed-order-id.ts', check: 'records the route and the order id', message: /not with different ones the grader chose \(order id = .*seed 20261206.*same answer \(`ord_1042`\) for a different input/ },
    { file: 'queue-context/fixed-tenant.ts', check: 'carries the tenant in its baggage', message: /different ones the grader chose .*tenant = .*same answer \(`acme`\) for a different input/ },
    { file: 'queue-context/fixed-consumer-tenant.ts', check: 'copies `tenant.id` from the baggage', message: /same answer \(`acme`\) for a different input/ },
    { file: 'backend-by-config/fixed-settings.ts', check: 'x-honeycomb-team header', message: /same answer \(`secret`\) for a different input/ },
    { file: 'backend-by-config/fixed-grafana-path.ts', check: 'Grafana receives one export', message: /same answer \(`\/otlp\/v1\/traces`\) for a different input/ },
    { file: 'checkout-trace/fixed-charge-id.ts', check: 'returns the charge Stripe made', message: /returned the charge id "ch_cus_77_5100", but Stripe’s charge for this order is .*same answer \(`cus_77`\) for a different input/ },
    { file: 'failing-payment/fixed-status-message.ts', check: 'The gateway failure sets status ERROR', message: /its status message is "card issuer could not be reached".*same answer \(`card issuer could not be reached`\) for a different input/ },
    { file: 'failing-payment/fixed-status-message.ts', check: 'A failure thrown as a string', message: /its status message is "gateway timeout".*same answer \(`gateway timeout`\) for a different input/ },
    { file: 'end-every-span/fixed-percent-off.ts', check: 'The valid coupon records its discount', message: /records `discount\.percent_off` = 10, but that coupon takes \d+% off.*same answer \(`10`\) for a different input/ },
    { file: 'two-services/fixed-payment-body.ts', check: 'returns its payment id', message: /payment-service charged "pay_ord_1042_4999", but the checkout was for order ord_\d+.*same answer \(`ord_1042`(, `4999`)?\) for a different input/ },
    { file: 'parent-based-sampling/fixed-gateway-pattern.ts', check: 'Every request the gateway sampled', message: /It recorded 12 of the gateway's 24 requests, some of them ones the gateway dropped.*same answer \(`12`\) for a different input/ },
    { file: 'flush-on-exit/fixed-orders.ts', check: 'Every pending order gets its receipt', message: /sent receipts for ord_1042, ord_1043, ord_1044, but the pending orders were .*same answer \(`ord_1042`, `ord_1043`, `ord_1044`\) for a different input/ },
  ],
  'printed imitations': [
    { file: 'tracer-provider/printed-names.ts', check: 'ConsoleSpanExporter printed every span', message: /names span `place order`, but not its ids.*printed by the program, not exported/ },
    { file: 'tracer-provider/printed-objects.ts', check: 'ConsoleSpanExporter printed every span', message: /not its ids.*printed by the program, not exported/ },
    { file: 'end-every-span/printed-rejection.ts', check: 'error still reaches the caller', message: /should still throw `PromotionsUnavailable`.*the scenario got a total instead/ },
    { file: 'failing-payment/printed-failure.ts', check: 'The caller still sees both failures', message: /did not see ord_1003 fail: `processCheckout` returned instead of throwing/ },
    { file: 'queue-context/printed-headers.ts', check: 'carries a traceparent', message: /The message has no traceparent header/ },
  ],
  'shortcut spans': [
    { file: 'checkout-trace/explicit-times.ts', check: 'Each span is active while its step runs', message: /`verifyToken` never ran: a span with the right name is not enough/ },
    { file: 'checkout-trace/explicit-times.ts', check: 'timed by the SDK', message: /was given its start time \(`startTime`\) and its end time \(`span\.end\(time\)`\) by the program/ },
    { file: 'checkout-trace/empty-spans.ts', check: 'Each span is active while its step runs', message: /`verifyToken` ran while no span was active, not span `auth middleware`: the span was not active while its work ran/ },
    { file: 'checkout-trace/not-active.ts', check: 'Each span is active while its step runs', message: /the span was not active while its work ran/ },
    { file: 'checkout-trace/around-the-tracer.ts', check: 'timed by the SDK', message: /`auth middleware` was given its start time .* by the program/ },
    { file: 'one-trace/explicit-parallel.ts', check: 'timed by the SDK', message: /`load order` was given its start time/ },
    { file: 'parent-based-sampling/counter-root.ts', check: 'About 25% of new traces are kept', message: /the decision did not come from the trace id/ },
    { file: 'tail-sampling/counter.ts', check: 'same trace always gets the same decision', message: /not with `Math\.random\(\)` or a counter/ },
    // Both services in one file can share a variable; over a network only the headers travel. The
    // hidden run puts an api-gateway between them, whose span the header then names.
    { file: 'two-services/module-variable-parent.ts', check: 'through the request’s traceparent header', message: /did not arrive through the request's headers: it is `POST payments`, but the traceparent header payment-service received names `gateway \/payments`/ },
  ],
  'fire-and-forget requests': [
    { file: 'two-services/fire-and-forget.ts', check: 'waits for payment-service’s answer', message: /`POST payments` never ended: the program finished before payment-service answered.*without `await` \(fire and forget\)/ },
    { file: 'two-services/fire-and-forget.ts', check: 'carries a traceparent', message: /No request reached payment-service .*before the program ended.*fire and forget/ },
    { file: 'flush-on-exit/unawaited-shutdown.ts', check: 'The collector received an OTLP/JSON export', message: /The exporter started an export, but no request reached the collector before the program ended: the flush was started and not awaited/ },
    { file: 'flush-on-exit/unawaited-shutdown.ts', check: 'Every span the job ended reached the collector', message: /never reached the collector\. The exporter started an export.*not awaited/ },
  ],
  'untested defaults': [
    { file: 'backend-by-config/no-default.ts', check: 'With no OTLP variables at all', message: /the URL should be the default, http:\/\/localhost:4318\/v1\/traces, but it is "undefined\/v1\/traces"/ },
    { file: 'backend-by-config/default-throws.ts', check: 'With no OTLP variables at all', message: /`exporterSettingsFromEnv\(\{\}\)` threw TypeError.*fall back to the defaults/ },
    { file: 'tracer-provider/no-resource.ts', check: 'The spans come from your tracer provider', message: /"unknown_service:…", the SDK's default/ },
    { file: 'tracer-provider/no-service-name.ts', check: 'carries the resource', message: /its resource has no `service\.name`/ },
    { file: 'parent-based-sampling/no-sampler.ts', check: 'About 25% of new traces are kept', message: /Every trace was kept.*no sampler at all/ },
  ],
  'wrong settings named by their cause': [
    { file: 'parent-based-sampling/ratio-as-percent.ts', check: 'About 25% of new traces are kept', message: /25 looks like a percentage, but the ratio is a fraction between 0 and 1 \(0\.25 for 25%\)/ },
    { file: 'parent-based-sampling/remote-not-sampled-on.ts', check: 'No request the gateway dropped', message: /`remoteParentNotSampled` is set to keep them/ },
    // Which of the gateway's traces a bare ratio sampler keeps depends on their random ids; that it
    // drops some of the 12 sampled ones does not (all 12 kept: 0.25^12).
    { file: 'parent-based-sampling/bare-ratio.ts', check: 'Every request the gateway sampled', message: /recorded only \d+ of them.*a parent-based sampler follows the caller's sampled flag/ },
    { file: 'tail-sampling/threshold-in-seconds.ts', check: 'About 10% of the other traces are kept', message: /threshold in seconds\? `durationMs` is in milliseconds/ },
    // `new URL('/v1/traces', 'http://gateway.sandbox/otlp')` is http://gateway.sandbox/v1/traces:
    // the cause is the dropped path, not the 404 the gateway answered.
    {
      file: 'tracing-from-env/url-drops-base-path.ts',
      check: 'Each deployment exports to the collector its OTEL_EXPORTER_OTLP_ENDPOINT names',
      message: /sent to `POST \/v1\/traces` of gateway, without the path `\/otlp` of its OTEL_EXPORTER_OTLP_ENDPOINT.*`new URL\('\/v1\/traces', base\)`: a path that starts with `\/` replaces the base URL's path\. Append to the base path instead/,
    },
  ],
};

/**
 * Every submission named `correct-*` (`.ts` or `.yaml`): two per exercise, written unlike the
 * reference solution. For a program: other API shapes; for a Collector configuration: other YAML
 * layouts, component names, order; for trace-reading answers, where the right answer is fixed,
 * its other forms the grader accepts: a span by id or by name, a list in another order, a number
 * as text, with `ms`, or within the question's tolerance.
 */
const correct = fs
  .readdirSync(SUBMISSIONS)
  .flatMap((id) => fs.readdirSync(path.join(SUBMISSIONS, id)).filter((f) => f.startsWith('correct-')).map((f) => `${id}/${f}`))
  .sort();

describe('false passes: submissions that only look right fail, saying why', () => {
  for (const [name, mistakes] of Object.entries(classes)) {
    describe(name, () => {
      for (const mistake of mistakes) {
        it.concurrent(`${mistake.file} fails "${mistake.check}"`, async () => {
          const results = await grade(mistake.file);
          expect(results.status).not.toBe('pass');
          const test = results.tests.find((t) => t.name.includes(mistake.check));
          expect(test, `no check titled like "${mistake.check}"`).toBeDefined();
          expect(test!.status).toBe('fail');
          expect(test!.message).toMatch(mistake.message);
          expectNoMachinePath(results);
        });
      }
    });
  }

  it('has at least five submissions for each class of the issue', () => {
    for (const name of ['late-ending parents', 'fixed answers', 'printed imitations', 'shortcut spans', 'untested defaults']) {
      expect(new Set(classes[name]!.map((m) => m.file)).size, name).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('correct submissions written differently from the reference pass', () => {
  for (const file of correct) {
    it.concurrent(file, async () => {
      const results = await grade(file);
      expect(results.message).toBeUndefined();
      expect(results.tests.filter((t) => t.status !== 'pass').map((t) => `${t.name}: ${t.message}`)).toEqual([]);
      expect(results.status).toBe('pass');
    });
  }

  it('has at least two for every exercise of the course', () => {
    const ids = listExercises(courseContent);
    expect(ids.length).toBeGreaterThan(0);
    const missing = ids.filter((id) => correct.filter((f) => f.startsWith(`${id}/`)).length < 2);
    expect(missing, 'exercises with fewer than two correct submissions').toEqual([]);
  });

  it('are filed under exercises of the course, in the form each one takes', () => {
    const ids = new Set(listExercises(courseContent));
    expect(fs.readdirSync(SUBMISSIONS).filter((id) => !ids.has(id))).toEqual([]);
    // A program is TypeScript; a Collector configuration and trace-reading answers are YAML.
    const misfiled = correct.filter((file) => path.extname(file) !== (exercise(path.dirname(file)).meta.kind === 'program' ? '.ts' : '.yaml'));
    expect(misfiled).toEqual([]);
  });
});

describe('every submission', () => {
  // `npm run typecheck` cannot reach these files (they import the exercise's own files, which
  // live elsewhere); here each is type-checked as the learner's file of its exercise, as
  // check:content checks starters and solutions. YAML submissions have no types to check.
  it('type-checks as the learner file of its exercise', { timeout: 120_000 }, async () => {
    const submissions = fs
      .readdirSync(SUBMISSIONS)
      .flatMap((id) => fs.readdirSync(path.join(SUBMISSIONS, id)).filter((file) => file.endsWith('.ts')).map((file) => ({ id, file })));
    expect(submissions.length).toBeGreaterThan(0);
    const asExercises = submissions.map(({ id, file }) => ({
      ...exercise(id),
      id: `${id}/${file.replace(/\.ts$/, '')}`,
      starter: fs.readFileSync(path.join(SUBMISSIONS, id, file), 'utf8'),
    }));
    expect(await typecheckExercises(asExercises)).toEqual([]);
  });
});
