import type { RunResult } from '../../runtime/runtime.ts';

interface TracePanel {
  show(result: Pick<RunResult, 'spans' | 'unfinished'>): void;
}

/** The exercise's trace: the viewer loads with the first result; span ids change every run, so no deep links. */
export function tracePanel(host: HTMLElement): TracePanel {
  let viewer: Promise<{ update(spans: RunResult['spans'], unfinished: RunResult['unfinished']): void }> | undefined;
  return {
    show(result) {
      viewer ??= import('../../trace/viewer/trace-viewer.ts').then(({ mountTraceViewer }) => {
        host.replaceChildren();
        return mountTraceViewer(host, { linkToSpans: false, maxTreeHeight: 420, headingLevel: 4, emptyText: 'This run ended no spans.' });
      });
      void viewer.then((v) => v.update(result.spans, result.unfinished));
    },
  };
}
