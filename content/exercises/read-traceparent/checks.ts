import { check, defineChecks, type CheckContext } from '#checks';

/** Each request with a valid header that the gateway should continue, and the caller's ids. */
const CONTINUED = [
  { id: 'r01', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentId: '00f067aa0ba902b7', flags: '01' },
  { id: 'r02', traceId: '0af7651916cd43dd8448eb211c80319c', parentId: 'b7ad6b7169203331', flags: '03' },
] as const;

/** Each request with an invalid header, and the rule it breaks. */
const INVALID = [
  { id: 'r04', why: 'its trace id is all zeros, which is no trace id' },
  { id: 'r05', why: 'its parent id is all zeros, which is no span id' },
  { id: 'r06', why: 'it is written in upper-case hex; the specification allows lowercase only' },
  { id: 'r07', why: 'its version is `ff`, which the specification forbids' },
  { id: 'r08', why: 'its trace id has 16 hex digits instead of 32 (a 64-bit id not padded)' },
  { id: 'r09', why: 'it has a fifth field: a version-00 header has exactly four' },
  { id: 'r10', why: 'its flags are `1`, one digit: flags are always two hex digits' },
  { id: 'r11', why: 'its parent id contains `g`, which is not a hex digit' },
] as const;

const span = (t: CheckContext, id: string) => t.run.spans.find((s) => s.attributes['request.id'] === id);

export default defineChecks([
  check('Valid headers continue the caller’s trace, under the caller’s span', (t) => {
    for (const c of CONTINUED) {
      const s = span(t, c.id);
      t.assert(s !== undefined, `The gateway recorded no span for ${c.id} (\`${c.traceId}\`, flags \`${c.flags}\`): its flags say sampled, so the parent-based sampler should record it.`);
      t.assert(
        s!.attributes['gateway.traceparent'] === 'continued' && s!.traceId === c.traceId && s!.parentSpanId === c.parentId,
        `Request ${c.id} carries a valid traceparent, but ${s!.attributes['gateway.traceparent'] === 'invalid' ? '`parseTraceparent` returned undefined for it' : 'its span is not in the caller’s trace'}. Its span should have trace id \`${c.traceId}\` and parent \`${c.parentId}\` (the third field, the caller’s span id).`,
      );
    }
  }),
  check('The sampled flag is read as bit 0 of the flags (`03` is sampled)', (t) => {
    const s = span(t, 'r02');
    t.assert(
      s !== undefined,
      'Request r02 (flags `03`) got no span: the gateway treated it as not sampled. The flags are a bit field and bit 0 is "sampled": test `(parseInt(flags, 16) & 0x01) === 0x01`; bit 1 (`02`) means the trace id is random.',
    );
  }),
  check('A caller that did not sample (flags `00`) is followed: no span', (t) => {
    const s = span(t, 'r03');
    t.assert(
      s === undefined,
      s?.attributes['gateway.traceparent'] === 'invalid'
        ? 'Request r03 has flags `00`, a valid header: the caller decided not to sample. `parseTraceparent` returned undefined, so the gateway started a new, sampled trace. Return the ids with `sampled: false`.'
        : 'Request r03 has flags `00`: the caller did not sample, and the gateway should follow it. `sampled` should be false when bit 0 of the flags is 0.',
    );
    t.assert(
      t.output.lines.some((line) => line.startsWith('r03 ') && line.endsWith('-> continued')),
      'Request r03 has flags `00`, a valid header; the gateway should continue its trace (and record nothing). `parseTraceparent` returned undefined for it.',
    );
  }),
  check('Invalid headers start a new trace', (t) => {
    for (const c of INVALID) {
      const s = span(t, c.id);
      t.assert(s !== undefined, `The gateway recorded no span for ${c.id}: an invalid header starts a new, sampled trace.`);
      t.assert(
        s!.attributes['gateway.traceparent'] === 'invalid' && s!.parentSpanId === undefined,
        `Request ${c.id} is invalid: ${c.why}. \`parseTraceparent\` should return undefined, so that the gateway starts a new trace, as a propagator does.`,
      );
    }
  }),
  check('A request without a traceparent starts a new trace', (t) => {
    const s = span(t, 'r12');
    t.assert(s !== undefined && s.parentSpanId === undefined, 'Request r12 has no traceparent: its span should be the root of a new trace.');
  }),
]);
