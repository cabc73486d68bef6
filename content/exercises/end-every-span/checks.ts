import { check, defineChecks, is } from '#checks';

const NAME = 'apply discount';
const byCode = (code: string) => ({ name: NAME, attributes: { 'discount.code': code } });

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
  check('The expired coupon is an expected answer, not an error', ({ span }) => {
    span(byCode('SUMMER24')).hasAttribute('discount.valid', false).hasStatus('UNSET');
  }),
  check('The failed lookup marks its span as failed', ({ span, assert }) => {
    const failed = span(byCode('FLASH50'));
    assert(
      failed.record.status.code === 'ERROR',
      `The \`apply discount\` span for FLASH50 ended with status ${failed.record.status.code}, but \`applyDiscount\` failed there: \`lookUpCoupon\` threw \`PromotionsUnavailable\`. Catch the error, record it and set status ERROR before rethrowing.`,
    );
    failed.hasStatus('ERROR', /promotions service/).hasException({ type: 'PromotionsUnavailable' });
  }),
  check('The failed lookup’s error still reaches the caller', ({ extra, assert }) => {
    // What the scenario saw applyDiscount do, reported to the checks (not printed: a program could print that line itself).
    const seen = extra('observations', is.record(is.unknown))['FLASH50'] as { rejected?: unknown } | undefined;
    assert(
      seen?.rejected === 'PromotionsUnavailable',
      '`applyDiscount` should still throw `PromotionsUnavailable` for FLASH50, but the scenario got a total instead. Record the error on the span, then rethrow it.',
    );
  }),
  check('The valid coupon records its discount', ({ span }) => {
    span(byCode('WELCOME10')).hasAttribute('discount.valid', true).hasAttribute('discount.percent_off', 10).hasStatus('UNSET');
  }),
]);
