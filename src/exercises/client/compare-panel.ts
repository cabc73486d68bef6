/**
 * The comparison of the learner's last Run with the reference solution's trace, in a viewer of
 * its own: loaded (code and data) only when the learner first asks for it. The reference trace
 * was recorded when the site was built (`src/build/reference-traces.ts`).
 */
import type { RunResult } from '../../runtime/runtime.ts';
import type { SpanRecord } from '../../../sandboxes/wire/span-record.ts';
import { compareTraces } from '../../trace/compare.ts';
import { comparisonAnnotator, comparisonLegend, comparisonSummary } from '../../trace/viewer/compare-notes.ts';
import { mountTraceViewer, type TraceViewer } from '../../trace/viewer/trace-viewer.ts';
import { parseReferenceTrace } from '../../trace/reference-trace.ts';

export interface ComparePanel {
  show(result: Pick<RunResult, 'spans' | 'unfinished'>): Promise<void>;
}

async function loadReference(url: string): Promise<SpanRecord[]> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error('The reference trace could not be loaded: the network failed. Try again when you are online.');
  }
  // None when the solution failed to run when the site was built.
  if (response.status === 404) throw new Error('This exercise has no reference trace to compare with.');
  if (!response.ok) throw new Error(`The reference trace could not be loaded (HTTP ${response.status}).`);
  return parseReferenceTrace(await response.json()).spans;
}

export function mountComparePanel(host: HTMLElement, status: HTMLElement, referenceUrl: string): ComparePanel {
  let reference: Promise<SpanRecord[]> | undefined;
  let viewer: TraceViewer | undefined;
  const summary = document.createElement('p');
  summary.className = 'exercise__compare-summary';
  const viewerHost = document.createElement('div');
  host.replaceChildren(summary, comparisonLegend(), viewerHost);
  return {
    async show(result) {
      status.textContent = 'Loading the reference trace…';
      reference ??= loadReference(referenceUrl);
      let spans: SpanRecord[];
      try {
        spans = await reference;
      } catch (error) {
        reference = undefined;
        status.textContent = (error as Error).message;
        return;
      }
      const comparison = compareTraces([...result.spans, ...result.unfinished], spans);
      viewer?.destroy();
      viewer = mountTraceViewer(viewerHost, {
        spans: comparison.spans,
        unfinished: comparison.unfinished,
        annotate: comparisonAnnotator(comparison),
        // A made-up span (one only the reference has) could be flagged as the bottleneck; the
        // comparison is about the tree's shape, and the learner's own trace flags it.
        markBottleneck: false,
        linkToSpans: false,
        maxTreeHeight: 420,
        headingLevel: 4,
        emptyText: 'Neither your run nor the reference has spans.',
      });
      summary.textContent = comparisonSummary(comparison);
      status.textContent = '';
    },
  };
}
