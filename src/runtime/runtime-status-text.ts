import type { RuntimeChoice, WebContainerState } from './runtime-manager.ts';

/** Where the runtime manager stands, before it is put into words. */
export interface RuntimeFacts {
  /** Where the next Run goes. */
  runtime: RuntimeChoice;
  choice: RuntimeChoice;
  webcontainer: WebContainerState;
  /** Why the WebContainer failed to start. */
  failure?: string | undefined;
  /** The WebContainer boots on the first Run that asks for it. */
  bootsOnRun?: boolean | undefined;
  /** What went wrong remembering the choice (see `storageProblem`). */
  storageProblem?: string | undefined;
}

/** The one line the page shows about where Runs go and why. */
export function runtimeStatusText(facts: RuntimeFacts): string {
  const { runtime, choice, webcontainer } = facts;
  let text: string;
  if (runtime === 'webcontainer') text = 'Runtime: WebContainer (Node.js)';
  else if (choice === 'worker') text = 'Runtime: in-browser Worker (your choice)';
  else if (webcontainer === 'idle' && facts.bootsOnRun) text = 'Runtime: in-browser Worker (Node.js in a WebContainer starts with your first Run)';
  else if (webcontainer === 'starting') text = 'Runtime: in-browser Worker (WebContainer is starting…)';
  else if (webcontainer === 'failed') text = `Runtime: WebContainer could not start: ${facts.failure}; using the in-browser Worker`;
  else if (webcontainer === 'on-request') text = 'Runtime: in-browser Worker (on iOS and iPadOS, WebContainer starts only when you press Start Node)';
  else if (webcontainer === 'unsupported') text = 'Runtime: in-browser Worker (this browser does not support WebContainers; Safari needs 16.4 or later)';
  else if (webcontainer === 'unavailable') text = 'Runtime: in-browser Worker (WebContainer needs a cross-origin isolated page)';
  else text = 'Runtime: in-browser Worker';
  if (facts.storageProblem) text += `. Note: ${facts.storageProblem}.`;
  return text;
}

/** The learner's runtime choice could not be read or saved. */
export const describeStorageProblem = (action: 'read' | 'saved', reason: string) => `your runtime choice could not be ${action} (${reason})`;
