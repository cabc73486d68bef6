import type { RunIndex } from './run-data.ts';

/**
 * What a program may have forgotten to register. The sandbox registers nothing for a program,
 * as plain Node does not: without a tracer provider the API creates no spans, without a context
 * manager the active span is lost (every span is a root), and without a propagator
 * `propagation.inject` writes nothing. These sentences end a failure message when its symptom
 * matches, so that the learner looks at the setup, not only at the code that starts spans.
 */

export const NO_PROVIDER_HINT =
  'Is a tracer provider registered? Without `trace.setGlobalTracerProvider(provider)` (or spans started from `provider.getTracer(...)`), the API creates no spans.';

export const NO_CONTEXT_MANAGER_HINT =
  'Every span of this run is a root. If they were started with `startActiveSpan` or inside `context.with`, check that a context manager is registered before the first span: without `context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())` no span is ever active, so none becomes a parent.';

export const NO_PROPAGATOR_HINT =
  'If the code calls `propagation.inject`, check that a propagator is registered: without `propagation.setGlobalPropagator(new W3CTraceContextPropagator())` (or a `CompositePropagator` with baggage), inject writes nothing.';

/** True when the run has several ended spans and none of them has a parent. */
export function allSpansAreRoots(index: RunIndex): boolean {
  const { spans } = index.data;
  return spans.length > 1 && spans.every((s) => !s.parentSpanId);
}

/** The context-manager hint, with a leading space, when every span is a root; else ''. */
export function rootsNote(index: RunIndex): string {
  return allSpansAreRoots(index) ? ` ${NO_CONTEXT_MANAGER_HINT}` : '';
}
