/**
 * Lighthouse scores of a page of the built course: performance, accessibility and best
 * practices, with the goals of issue 8 (>= 95, 100, >= 95). Lighthouse drives the system
 * Chromium through chrome-launcher. Performance uses Lighthouse's default mobile profile
 * (simulated slow 4G and a 4x slower CPU), the profile PageSpeed Insights reports; its CPU
 * estimate scales with this machine's load, so each score is the median of several runs.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { median, type Figure } from './lib.ts';

const CATEGORIES = [
  { id: 'performance', label: 'performance', goal: 95 },
  { id: 'accessibility', label: 'accessibility', goal: 100 },
  { id: 'best-practices', label: 'best practices', goal: 95 },
] as const;
type CategoryId = (typeof CATEGORIES)[number]['id'];

export interface LighthouseOptions {
  /** `mobile` (Lighthouse's default profile) or `desktop`. */
  formFactor?: 'mobile' | 'desktop';
  runs?: number;
  chromePath?: string;
}

/** One audit that cost points, for the notes: what to fix first. */
export interface LighthouseFinding {
  category: CategoryId;
  audit: string;
  title: string;
  /** Weight of the audit in its category; 0 for audits that only inform. */
  weight: number;
  score: number | null;
  displayValue?: string;
}

export interface LighthouseRun {
  scores: Record<CategoryId, number>;
  findings: LighthouseFinding[];
  metrics: Record<string, number>;
}

const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** One Lighthouse run in a fresh browser, so no run warms the next one's caches. */
export async function runLighthouse(url: string, options: LighthouseOptions = {}): Promise<LighthouseRun> {
  const chrome = await chromeLauncher.launch({ chromePath: options.chromePath ?? '/usr/bin/chromium', chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES.map((c) => c.id) },
      options.formFactor === 'desktop' ? desktopConfig : undefined,
    );
    if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${url}: ${lhr.runtimeError.message}`);
    const scores = {} as Record<CategoryId, number>;
    const findings: LighthouseFinding[] = [];
    for (const { id } of CATEGORIES) {
      const category = lhr.categories[id];
      if (!category || category.score === null) throw new Error(`Lighthouse gave no ${id} score for ${url}`);
      scores[id] = Math.round(category.score * 100);
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (!audit || audit.scoreDisplayMode === 'notApplicable' || audit.scoreDisplayMode === 'manual') continue;
        if (audit.score !== null && audit.score >= 0.9) continue;
        if (audit.score === null && audit.scoreDisplayMode !== 'error') continue;
        findings.push({
          category: id,
          audit: ref.id,
          title: audit.title,
          weight: ref.weight,
          score: audit.score,
          ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
        });
      }
    }
    const metrics: Record<string, number> = {};
    for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
      const value = lhr.audits[id]?.numericValue;
      if (value !== undefined) metrics[id] = value;
    }
    return { scores, findings, metrics };
  } finally {
    chrome.kill();
  }
}

/**
 * Figures for `npm run bench`: the median score of each category over `runs` runs, with the
 * audits that cost points in the note.
 */
export async function benchLighthouse(url: string, options: LighthouseOptions = {}): Promise<Figure[]> {
  const runs: LighthouseRun[] = [];
  for (let i = 0; i < (options.runs ?? 3); i++) {
    // On a busy machine Lighthouse now and then loses the trace of a load (NO_NAVSTART): try once more.
    runs.push(await runLighthouse(url, options).catch(() => runLighthouse(url, options)));
  }
  const profile = options.formFactor ?? 'mobile';
  const page = new URL(url).pathname;
  return CATEGORIES.map(({ id, label, goal }) => {
    const value = median(runs.map((r) => r.scores[id]));
    const costs = new Map<string, LighthouseFinding>();
    for (const run of runs) for (const f of run.findings) if (f.category === id && (f.weight > 0 || f.score === 0)) costs.set(f.audit, f);
    const note = [...costs.values()]
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 4)
      .map((f) => `${f.audit}${f.displayValue ? ` (${f.displayValue})` : ''}`)
      .join('; ');
    return {
      name: `Lighthouse ${label}, ${profile}, ${page}`,
      value,
      unit: 'score',
      goal: `>= ${goal}`,
      met: value >= goal,
      ...(note ? { note: `${runs.map((r) => r.scores[id]).join('/')}; ${note}` } : { note: runs.map((r) => r.scores[id]).join('/') }),
    };
  });
}
