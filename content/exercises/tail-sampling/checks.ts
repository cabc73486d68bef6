import { check, defineChecks, type CheckContext } from '#checks';

interface Decision {
  traceId: string;
  kept: boolean;
  error: boolean;
  slow: boolean;
}

/** Every `tail-sampling decision` span, in the order the decisions were made. */
function decisions({ spans }: CheckContext): Decision[] {
  return spans('tail-sampling decision')
    .atLeast(1)
    .records.map((r) => ({
      traceId: String(r.attributes['trace.id']),
      kept: r.attributes['trace.kept'] === true,
      error: r.attributes['trace.error'] === true,
      slow: r.attributes['trace.slow'] === true,
    }));
}

/** The first decision for each trace (collector-1's). */
function firstDecisions(all: Decision[]): Decision[] {
  const seen = new Map<string, Decision>();
  for (const d of all) if (!seen.has(d.traceId)) seen.set(d.traceId, d);
  return [...seen.values()];
}

const short = (id: string) => `${id.slice(0, 8)}…`;

export default defineChecks([
  check('Every trace with an error is kept', (t) => {
    const errors = firstDecisions(decisions(t)).filter((d) => d.error);
    t.assert(errors.length > 0, 'No decision was about a trace with an error; the scenario should have 6.');
    const dropped = errors.filter((d) => !d.kept);
    t.assert(
      dropped.length === 0,
      `${dropped.length === errors.length ? `All ${errors.length}` : `${dropped.length} of the ${errors.length}`} traces with an error were dropped (trace ${short(dropped[0]?.traceId ?? '')}, for example). A tail sampler knows how each trace ended: keep every trace whose \`hasError\` is true.`,
    );
  }),
  check('Every trace slower than 500 ms is kept', (t) => {
    const slow = firstDecisions(decisions(t)).filter((d) => d.slow && !d.error);
    t.assert(slow.length > 0, 'No decision was about a slow trace; the scenario should have 15.');
    const dropped = slow.filter((d) => !d.kept);
    t.assert(
      dropped.length === 0,
      `${dropped.length === slow.length ? `All ${slow.length}` : `${dropped.length} of the ${slow.length}`} traces slower than 500 ms were dropped (trace ${short(dropped[0]?.traceId ?? '')}, for example). Keep every trace whose \`durationMs\` is above 500.`,
    );
  }),
  check('About 10% of the other traces are kept', (t) => {
    const others = firstDecisions(decisions(t)).filter((d) => !d.error && !d.slow);
    t.assert(others.length > 0, 'No decision was about an ordinary trace (no error, not slow); the scenario should have 279.');
    t.assert(
      others.some((d) => !d.kept),
      `All ${others.length} ordinary traces (no error, 500 ms or faster) were kept. Is the slow rule's threshold in seconds? \`durationMs\` is in milliseconds: \`durationMs > 0.5\` keeps every trace, \`durationMs > 500\` only the slow ones. Or is the ratio a percentage? 10% is the fraction 0.1.`,
    );
    t.samplingRatio({ expected: 0.1, total: others.length, kept: others.filter((d) => d.kept).length });
  }),
  check('The same trace always gets the same decision', (t) => {
    const byTrace = new Map<string, boolean[]>();
    for (const d of decisions(t)) byTrace.set(d.traceId, [...(byTrace.get(d.traceId) ?? []), d.kept]);
    const askedTwice = [...byTrace.values()].filter((answers) => answers.length > 1).length;
    t.assert(askedTwice > 0, 'No trace was decided twice; the scenario asks both collectors about every trace.');
    const split = [...byTrace].filter(([, answers]) => answers.some((a) => a !== answers[0]));
    t.assert(
      split.length === 0,
      `The two collectors disagreed on ${split.length} of ${byTrace.size} traces (trace ${short(split[0]?.[0] ?? '')} was kept by one and dropped by the other). Decide the 10% rule from the trace id, not with \`Math.random()\` or a counter: the same trace id always gives the same answer, in whatever order the traces arrive.`,
    );
  }),
]);
