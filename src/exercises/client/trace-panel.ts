import type { RunResult } from '../../runtime/runtime.ts';
import type { ComparePanel } from './compare-panel.ts';

type RunSpans = Pick<RunResult, 'spans' | 'unfinished'>;

interface TracePanel {
  show(result: RunSpans): void;
}

/** The "Compare with the reference" control and where the comparison goes; absent where there is no reference. */
export interface CompareParts {
  control: HTMLElement;
  toggle: HTMLButtonElement;
  status: HTMLElement;
  host: HTMLElement;
}

const COMPARE = 'Compare with the reference';
const BACK = 'Show only my trace';

/**
 * The exercise's trace: the viewer loads with the first result; span ids change every run, so no
 * deep links. After a Run the learner may swap it for the comparison with the reference, whose
 * code and data load only then.
 */
export function tracePanel(host: HTMLElement, compare?: CompareParts): TracePanel {
  let viewer: Promise<{ update(spans: RunResult['spans'], unfinished: RunResult['unfinished']): void }> | undefined;
  let last: RunSpans | undefined;
  let comparing = false;
  let panel: Promise<ComparePanel> | undefined;
  const showComparison = () => {
    if (!compare || !last) return;
    const result = last;
    panel ??= import('./compare-panel.ts').then(({ mountComparePanel }) => mountComparePanel(compare.host, compare.status, compare.toggle.dataset.reference!));
    void panel.then((p) => p.show(result));
  };
  compare?.toggle.addEventListener('click', () => {
    comparing = !comparing;
    compare.toggle.textContent = comparing ? BACK : COMPARE;
    host.hidden = comparing;
    compare.host.hidden = !comparing;
    if (comparing) showComparison();
    else compare.status.textContent = '';
  });
  return {
    show(result) {
      last = result;
      viewer ??= import('../../trace/viewer/trace-viewer.ts').then(({ mountTraceViewer }) => {
        host.replaceChildren();
        return mountTraceViewer(host, { linkToSpans: false, maxTreeHeight: 420, headingLevel: 4, emptyText: 'This run ended no spans.' });
      });
      void viewer.then((v) => v.update(result.spans, result.unfinished));
      if (compare) compare.control.hidden = false;
      if (comparing) showComparison();
    },
  };
}
