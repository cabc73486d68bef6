/**
 * A policy's vote about one trace, with the tail sampling processor's names. The inverted votes
 * come from `invert_match` (string_attribute at the top level); the processor's README deprecates
 * them in favour of the `drop` policy but still applies them by default.
 */
export type Decision = 'Sampled' | 'NotSampled' | 'InvertSampled' | 'InvertNotSampled' | 'Dropped';

/**
 * The processor's final decision from every top-level policy's vote, as its README states it
 * (opentelemetry-collector-contrib, processor/tailsamplingprocessor/README.md at commit 000e83d0,
 * 2026: the version with the `drop` policy and deprecated inverted decisions, and without the
 * `disableinvertdecisions` feature gate switched on):
 * a "drop" vote drops the trace; an "inverted not sample" vote drops it; a "sample" vote keeps it;
 * an "inverted sample" vote keeps it when no policy voted "not sample"; otherwise it is dropped.
 */
export function combineDecisions(decisions: readonly Decision[]): boolean {
  if (decisions.includes('Dropped')) return false;
  if (decisions.includes('InvertNotSampled')) return false;
  if (decisions.includes('Sampled')) return true;
  if (decisions.includes('InvertSampled') && !decisions.includes('NotSampled')) return true;
  return false;
}
