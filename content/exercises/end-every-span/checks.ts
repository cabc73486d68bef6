import { check, defineChecks } from '#checks';

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
  check('The unknown code is handled, not an error', ({ span }) => {
    span(byCode('NOSUCHCODE')).hasAttribute('discount.valid', false).hasStatus('UNSET');
  }),
  check('The expired coupon marks its span as failed', ({ span, assert }) => {
    const expired = span(byCode('SUMMER24'));
    assert(
      expired.record.status.code === 'ERROR',
      `The \`apply discount\` span for SUMMER24 ended with status ${expired.record.status.code}, but \`applyDiscount\` failed there: \`ensureNotExpired\` threw \`CouponExpired\`. Catch the error, record it and set status ERROR before rethrowing.`,
    );
    expired.hasStatus('ERROR', /expired/).hasException({ type: 'CouponExpired' });
  }),
  check('The expired coupon’s error still reaches the caller', ({ output, assert }) => {
    assert(
      output.lines.some((line) => line.startsWith('SUMMER24: rejected, CouponExpired')),
      '`applyDiscount` should still throw `CouponExpired` for SUMMER24, but the scenario got a total instead. Record the error on the span, then rethrow it.',
    );
  }),
  check('The valid coupon records its discount', ({ span }) => {
    span(byCode('WELCOME10')).hasAttribute('discount.valid', true).hasAttribute('discount.percent_off', 10).hasStatus('UNSET');
  }),
]);
