import { check, defineChecks, is, type CheckContext } from '#checks';

const NAME = 'apply discount';
const byCode = (code: string) => ({ name: NAME, attributes: { 'discount.code': code } });

/** The codes the scenario tried in this run (coupons.ts; another set in the hidden run). */
interface Codes {
  valid: string;
  percentOff: number;
  expired: string;
  flash: string;
}
const VISIBLE: Codes = { valid: 'WELCOME10', percentOff: 10, expired: 'SUMMER24', flash: 'FLASH50' };
const codesOf = (t: CheckContext) => t.input<Codes>('coupons', VISIBLE);

export default defineChecks([
  check('Every span is ended', ({ run, allSpansEnded, assert }) => {
    const open = run.unfinished.map((s) => {
      const code = s.attributes['discount.code'];
      return typeof code === 'string' ? `\`${s.name}\` for ${code}` : `\`${s.name}\``;
    });
    assert(
      open.length === 0,
      `${open.length === 1 ? 'A span was' : `${open.length} spans were`} started but never ended: ${open.join(' and ')}. Every way out of the callback (a \`return\`, an early \`return\`, a thrown error) must end the span.`,
    );
    allSpansEnded();
  }),
  check('Each of the three calls ended one `apply discount` span', ({ spans }) => {
    spans(NAME).count(3).each((s) => s.hasAttributeOfType('discount.code', 'string'));
  }),
  check('Each `apply discount` span is active while its coupon is looked up, and lasts until the answer', ({ spans, spansTimedBySdk }) => {
    spans(NAME).each((s) => s.wraps('lookUpCoupon'));
    spansTimedBySdk();
  }),
  check('The expired coupon is an expected answer, not an error', (t) => {
    t.span(byCode(codesOf(t).expired)).hasAttribute('discount.valid', false).hasStatus('UNSET');
  }),
  check('The failed lookup marks its span as failed', (t) => {
    const { flash } = codesOf(t);
    const failed = t.span(byCode(flash));
    t.assert(
      failed.record.status.code === 'ERROR',
      `The \`apply discount\` span for ${flash} ended with status ${failed.record.status.code}, but \`applyDiscount\` failed there: \`lookUpCoupon\` threw \`PromotionsUnavailable\`. Catch the error, record it and set status ERROR before rethrowing.`,
    );
    failed.hasStatus('ERROR', /promotions service/).hasException({ type: 'PromotionsUnavailable' });
  }),
  check('The failed lookup’s error still reaches the caller', (t) => {
    const { flash } = codesOf(t);
    // What the scenario saw applyDiscount do, reported to the checks (not printed: a program could print that line itself).
    const seen = t.extra('observations', is.record(is.unknown))[flash] as { rejected?: unknown } | undefined;
    t.assert(
      seen?.rejected === 'PromotionsUnavailable',
      `\`applyDiscount\` should still throw \`PromotionsUnavailable\` for ${flash}, but the scenario got a total instead. Record the error on the span, then rethrow it.`,
    );
  }),
  check('The valid coupon records its discount', (t) => {
    const { valid, percentOff } = codesOf(t);
    const span = t.span(byCode(valid)).hasAttribute('discount.valid', true);
    const recorded = span.record.attributes['discount.percent_off'];
    t.assert(
      recorded === undefined || recorded === percentOff,
      `The \`apply discount\` span for ${valid} records \`discount.percent_off\` = ${JSON.stringify(recorded)}, but that coupon takes ${percentOff}% off: record the coupon's own \`percentOff\`, from the coupon \`lookUpCoupon\` returned.`,
    );
    span.hasAttribute('discount.percent_off', percentOff).hasStatus('UNSET');
  }),
]);
