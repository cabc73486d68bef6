import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { toOtlpJson } from '../../sandboxes/wire/otlp-export.ts';
import { parseOtlpJson } from '../../src/trace/otlp-import.ts';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { CHECKOUT_TRACE_ID, checkoutTrace, generateBigTrace, spanRecord } from '../helpers/trace-fixtures.ts';

const otlpText = (records: SpanRecord[]) => JSON.stringify(toOtlpJson(records));

async function openViewer(page: Page, hash = ''): Promise<void> {
  await page.goto(`/viewer/${hash}`);
  await expect(page.getByText('No trace open yet')).toBeVisible();
}

/** Opens a file through the page's file picker, as a learner does. */
async function openFile(page: Page, text: string, name = 'trace.json'): Promise<void> {
  await page.locator('[data-file-input]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function openTrace(page: Page, records: SpanRecord[], name = 'trace.json'): Promise<void> {
  await openFile(page, otlpText(records), name);
  await expect(page.locator('[data-import-status]')).toContainText(`Opened ${name}`);
}

const tree = (page: Page) => page.getByRole('treegrid', { name: 'Span tree' });
const row = (page: Page, name: string) => tree(page).getByRole('row', { name: new RegExp(`^${name.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&')},`) });
const details = (page: Page) => page.getByRole('region', { name: 'Span details' });
/** Accessible names of the tree's rows, top to bottom, with their level. */
const rowsOf = (page: Page) =>
  tree(page)
    .locator('.tv-body [role="row"]')
    .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('aria-level')} ${r.getAttribute('aria-label')}`));

test.describe('the span viewer page', () => {
  test.beforeEach(async ({ page }) => openViewer(page));

  test('shows the checkout trace as a tree with durations, and its bottleneck', async ({ page }) => {
    await openTrace(page, checkoutTrace());
    await expect(tree(page).locator('.tv-body [role="row"]')).toHaveCount(6);
    expect(await rowsOf(page)).toEqual([
      '1 POST /checkout, 450 ms, checkout-service, on the critical path',
      '2 auth middleware, 12 ms, checkout-service, on the critical path',
      '2 validate cart, 8 ms, checkout-service, on the critical path',
      '2 charge payment, 380 ms, checkout-service, bottleneck',
      '3 stripe api call, 375 ms, stripe, bottleneck',
      '2 save order to db, 15 ms, checkout-service, on the critical path',
    ]);
    // The bottleneck is marked in text, not only by the bar's outline.
    await expect(row(page, 'charge payment')).toContainText('bottleneck');
    await expect(row(page, 'stripe api call')).toContainText('bottleneck');
    await expect(row(page, 'auth middleware')).not.toContainText('bottleneck');
    await expect(page.getByRole('list', { name: 'Legend' })).toContainText('bottleneck: charge payment › stripe api call');
    // A shared time axis with ticks.
    await expect(tree(page).locator('.tv-tick')).toHaveText(['0 ms', '100 ms', '200 ms', '300 ms', '400 ms']);
  });

  test('a newcomer without a file opens the sample trace; Export is disabled until a trace is open', async ({ page }) => {
    const exportButton = page.getByRole('button', { name: 'Export trace as OTLP/JSON' });
    await expect(exportButton).toBeDisabled();
    await page.getByRole('button', { name: 'Open a sample trace' }).click();
    await expect(row(page, 'POST /api/checkout')).toHaveAccessibleName(/^POST \/api\/checkout, 612 ms, shop-frontend/);
    await expect(page.locator('[data-import-status]')).toContainText('Opened the sample trace');
    await expect(exportButton).toBeEnabled();
  });

  test('says what the time after opening a file measures', async ({ page }) => {
    await openTrace(page, checkoutTrace());
    await expect(page.locator('[data-import-status]')).toHaveText(/^Opened trace\.json: 6 spans in 1 trace, read and drawn in [\d.]+ (ms|s)\.$/);
  });

  test('moves through the tree with the keyboard (WAI-ARIA treegrid)', async ({ page }) => {
    await openTrace(page, checkoutTrace());
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.split(',')[0]);
    await row(page, 'POST /checkout').focus();
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('auth middleware');
    await page.keyboard.press('End');
    expect(await focused()).toBe('save order to db');
    await page.keyboard.press('Home');
    expect(await focused()).toBe('POST /checkout');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('charge payment');
    await expect(row(page, 'charge payment')).toHaveAttribute('aria-expanded', 'true');

    await page.keyboard.press('ArrowLeft');
    await expect(row(page, 'charge payment')).toHaveAttribute('aria-expanded', 'false');
    await expect(row(page, 'stripe api call')).toHaveCount(0);
    await page.keyboard.press('ArrowRight');
    await expect(row(page, 'stripe api call')).toBeVisible();
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('stripe api call');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('charge payment');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('validate cart');

    await page.keyboard.press('Enter');
    await expect(row(page, 'validate cart')).toHaveAttribute('aria-selected', 'true');
    await expect(details(page).getByRole('heading', { level: 2 })).toHaveText('validate cart');
    // One row at a time takes Tab focus (roving tabindex).
    await expect(tree(page).locator('[role="row"][tabindex="0"]')).toHaveCount(1);
  });

  test('shows every field of the selected span beside the tree', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openTrace(page, checkoutTrace({ failed: true }));
    await row(page, 'stripe api call').click();
    const panel = details(page);
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('stripe api call');
    const fact = (term: string) => panel.locator(`dt:text-is("${term}") + dd`);
    await expect(fact('Service')).toHaveText('stripe');
    await expect(fact('Kind')).toHaveText('CLIENT');
    await expect(fact('Start')).toHaveText('+28 ms from the trace start');
    await expect(fact('Duration')).toHaveText('375 ms');
    await expect(fact('Status')).toHaveText('⚠ ERROR: ETIMEDOUT');
    await expect(fact('Span ID')).toContainText('a000000000000005');
    await expect(fact('Parent span ID')).toContainText('a000000000000004');
    await expect(fact('Trace ID')).toContainText(CHECKOUT_TRACE_ID);
    await expect(fact('Instrumentation scope')).toHaveText('stripe-client 14.0.0');
    await expect(fact('Critical path')).toContainText('375 ms in this span itself');

    const attribute = panel.locator('.tv-attrs').first().getByRole('row', { name: /server\.address/ });
    await expect(attribute).toContainText('api.stripe.com');
    await expect(attribute).toContainText('string');
    await attribute.getByRole('button', { name: 'Copy value of server.address' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('api.stripe.com');

    const exception = panel.locator('.tv-event--exception');
    await expect(exception).toContainText('exception +375 ms from the span start');
    await expect(exception.locator('.tv-exception__message')).toHaveText('⚠ Error: ETIMEDOUT: api.stripe.com did not answer in 2000 ms');
    await expect(exception.getByLabel('Stack trace')).toContainText('at chargeCard (payments.ts:42:11)');

    await panel.getByText('Resource (1)').click();
    await expect(panel.locator('.tv-attrs').last()).toContainText('service.name');

    // Types of the root's attributes, as OTLP names them.
    await row(page, 'POST /checkout').click();
    const types = await panel.locator('.tv-attrs').first().locator('tbody tr').evaluateAll((rows) => rows.map((r) => `${r.querySelector('th')!.textContent}: ${r.querySelector('.tv-attr-type')!.textContent}`));
    expect(types).toEqual(['http.request.method: string', 'http.route: string', 'order.id: string', 'order.items_count: int', 'app.cart.total: double', 'app.cart.gift: bool', 'app.cart.skus: string[]']);

    await expect(panel.getByRole('button', { name: /Go to parent/ })).toHaveCount(0);
    await row(page, 'stripe api call').click();
    await panel.getByRole('button', { name: /Go to parent/ }).click();
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('charge payment');
  });

  test('cuts very long values, with a button to show them whole', async ({ page }) => {
    const long = `${'x'.repeat(3000)}END`;
    await openTrace(page, [spanRecord({ name: 'big', spanId: '0000000000000001', attributes: { 'payload.body': long } })]);
    await row(page, 'big').click();
    const value = details(page).locator('.tv-attr-value').first();
    await expect(value).not.toContainText('END');
    await value.getByRole('button', { name: 'Show all 3,003 characters' }).click();
    await expect(value).toContainText('END');
    await expect(value.getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
  });

  test('marks errors with an icon and words, not colour alone', async ({ page }) => {
    await openTrace(page, checkoutTrace({ failed: true }));
    await expect(row(page, 'stripe api call')).toHaveAccessibleName(/^stripe api call, 375 ms, stripe, error/);
    await expect(row(page, 'stripe api call').locator('.tv-badge--error')).toContainText('⚠');
    await expect(row(page, 'validate cart')).not.toHaveAccessibleName(/error/);
    await expect(page.locator('.tv-summary')).toContainText('⚠ 3 errors');
    await expect(page.getByRole('list', { name: 'Legend' })).toContainText('⚠error');
  });

  test('lists orphans under "Missing parent" with a banner, and flags skew, duplicates and unfinished spans', async ({ page }) => {
    const records = [
      spanRecord({ name: 'root', spanId: '0000000000000001', start: 10, end: 100 }),
      spanRecord({ name: 'early child', spanId: '0000000000000002', parentSpanId: '0000000000000001', start: 0, end: 50 }),
      spanRecord({ name: 'twin one', spanId: '00000000000000dd', parentSpanId: '0000000000000001', start: 20, end: 30 }),
      spanRecord({ name: 'twin two', spanId: '00000000000000dd', parentSpanId: '0000000000000001', start: 30, end: 40 }),
      spanRecord({ name: 'lost', spanId: '0000000000000005', parentSpanId: 'ffffffffffffffff', start: 60, end: 70 }),
      spanRecord({ name: 'lost too', spanId: '0000000000000006', parentSpanId: 'eeeeeeeeeeeeeeee', start: 61, end: 62 }),
      spanRecord({ name: 'hanging', spanId: '0000000000000007', parentSpanId: '0000000000000001', start: 80, end: undefined }),
    ];
    await openTrace(page, records);
    const notes = page.getByRole('list', { name: 'Notes about this trace' });
    await expect(notes).toContainText('2 spans have parents that are not in this data: listed under “Missing parent”.');
    await expect(notes).toContainText('1 span starts before or ends after its parent (clock skew between hosts?)');
    await expect(notes).toContainText('2 spans share a span id with another span of this trace');
    await expect(notes).toContainText('1 span never ended');
    // Icons are inline SVG, not characters a font may lack (a missing-glyph box).
    await expect(notes.locator('.tv-note__icon svg')).toHaveCount(4);
    expect(await notes.locator('.tv-note__icon').allTextContents()).toEqual(['', '', '', '']);
    expect(await rowsOf(page)).toEqual([
      '1 root, 90 ms, checkout-service, on the critical path',
      '2 early child, 50 ms, checkout-service, on the critical path, outside its parent (clock skew)',
      '2 twin one, 10 ms, checkout-service, duplicate span id',
      '2 twin two, 10 ms, checkout-service, duplicate span id',
      '2 hanging, never ended, running at least 20 ms, checkout-service',
      '1 Missing parent, 2 spans whose parent is not in this data',
      '2 lost, 10 ms, checkout-service',
      '2 lost too, 1 ms, checkout-service',
    ]);
    await expect(row(page, 'hanging')).toContainText('unfinished');
    await expect(row(page, 'hanging').locator('.tv-cell--duration')).toHaveText('≥ 20 ms');
    await tree(page).getByRole('row', { name: /^Missing parent/ }).click();
    await expect(details(page)).toContainText('ffffffffffffffff');
    await row(page, 'lost').click();
    await expect(details(page).locator('dt:text-is("Parent span ID") + dd')).toContainText('(not in this data)');
  });

  test('imports the opentelemetry-proto example (uppercase hex ids, string nanos, absent parent)', async ({ page }) => {
    const text = readFileSync(new URL('../fixtures/otlp/example-trace.json', import.meta.url), 'utf8');
    await openFile(page, text, 'trace.json');
    await expect(page.locator('[data-import-status]')).toContainText('Opened trace.json: 1 span in 1 trace');
    await expect(page.getByRole('list', { name: 'Notes about this trace' })).toContainText('1 span has a parent that is not in this data');
    expect(await rowsOf(page)).toEqual(['1 Missing parent, 1 span whose parent is not in this data', '2 POST /checkout, 450 ms, checkout-api, on the critical path']);
    await row(page, 'POST /checkout').click();
    await expect(details(page).locator('dt:text-is("Span ID") + dd')).toContainText('c0ffee00decaf001');
    await expect(details(page).locator('dt:text-is("Kind") + dd')).toHaveText('SERVER');
  });

  test('filters by name, service, attribute, status and duration; steps through matches', async ({ page }) => {
    await openTrace(page, checkoutTrace({ failed: true }).concat(checkoutTrace().filter((r) => r.name === 'save order to db')));
    const search = page.getByRole('searchbox', { name: 'Find spans by name' });
    const count = page.locator('.tv-match-count');
    await search.fill('a');
    await expect(count).toHaveText('5 matches');
    await expect(tree(page).locator('.tv-row--match')).toHaveCount(5);
    await search.press('Enter');
    await expect(count).toHaveText('1 of 5 matches');
    await expect(details(page).getByRole('heading', { level: 2 })).toHaveText('auth middleware');
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect(details(page).getByRole('heading', { level: 2 })).toHaveText('validate cart');
    await page.getByRole('button', { name: 'Previous match' }).click();
    await page.getByRole('button', { name: 'Previous match' }).click();
    // Wraps around to the last match.
    await expect(details(page).getByRole('heading', { level: 2 })).toHaveText('save order to db');
    await expect(count).toHaveText('5 of 5 matches');

    await search.fill('');
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('ERROR');
    await expect(count).toHaveText(/3 matches/);
    await page.getByLabel('Service', { exact: true }).selectOption('stripe');
    await expect(count).toHaveText(/1 match/);
    await page.getByLabel('Show matches only', { exact: true }).check();
    expect(await rowsOf(page)).toEqual([
      '1 POST /checkout, 450 ms, checkout-service, error, on the critical path',
      '2 charge payment, 380 ms, checkout-service, error, bottleneck',
      '3 stripe api call, 375 ms, stripe, error, bottleneck, matches the filter',
    ]);
    await page.getByLabel('Service', { exact: true }).selectOption('');
    await page.getByLabel('Status', { exact: true }).selectOption('');
    await page.getByLabel('Attribute', { exact: true }).fill('db.system.name=PostgreSQL');
    await expect(count).toHaveText(/1 match/);
    expect((await rowsOf(page)).map((r) => r.split(',')[0])).toEqual(['1 POST /checkout', '2 save order to db']);
    await page.getByLabel('Attribute', { exact: true }).fill('');
    await page.getByLabel('Min duration (ms)', { exact: true }).fill('379');
    await expect(count).toHaveText(/2 matches/);
    expect((await rowsOf(page)).map((r) => r.split(',')[0])).toEqual(['1 POST /checkout', '2 charge payment']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(tree(page).locator('.tv-body [role="row"]')).toHaveCount(6);
  });

  test('expands and collapses everything', async ({ page }) => {
    await openTrace(page, checkoutTrace());
    await page.getByRole('button', { name: 'Collapse all' }).click();
    expect(await rowsOf(page)).toEqual(['1 POST /checkout, 450 ms, checkout-service, on the critical path']);
    await expect(row(page, 'POST /checkout')).toHaveAttribute('aria-expanded', 'false');
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect(tree(page).locator('.tv-body [role="row"]')).toHaveCount(6);
  });

  test('zooms into a time range from the overview, by keyboard, and to a span', async ({ page }) => {
    await openTrace(page, checkoutTrace());
    const slider = page.getByRole('slider', { name: 'Visible time range' });
    await expect(slider).toHaveAttribute('aria-valuetext', '0 ms to 450 ms of 450 ms');
    const box = (await page.locator('.tv-overview').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    // About 45 ms to 135 ms: the axis now starts past zero.
    await expect(slider).toHaveAttribute('aria-valuetext', /^4\d(\.\d+)? ms to 13\d ms of 450 ms$/);
    await expect(tree(page).locator('.tv-tick').first()).toHaveText(/^(50|60) ms$/);
    const before = Number(await slider.getAttribute('aria-valuenow'));
    await slider.press('ArrowRight');
    expect(Number(await slider.getAttribute('aria-valuenow'))).toBeGreaterThan(before);
    await page.getByRole('button', { name: 'Whole trace' }).click();
    await expect(slider).toHaveAttribute('aria-valuetext', '0 ms to 450 ms of 450 ms');
    await row(page, 'stripe api call').click();
    await details(page).getByRole('button', { name: 'Zoom to span' }).click();
    await expect(slider).toHaveAttribute('aria-valuetext', '9.25 ms to 422 ms of 450 ms');
    await slider.press('Escape');
    await expect(tree(page).locator('.tv-tick').first()).toHaveText('0 ms');
  });

  test('renders names and values as text, never as HTML', async ({ page }) => {
    const evil = '<img src=x onerror="window.__xss=1">';
    const records = [
      spanRecord({
        name: evil,
        spanId: '0000000000000001',
        attributes: { '<b onmouseover=window.__xss=2>key</b>': '<script>window.__xss=3</script>', html: '<svg onload="window.__xss=4"></svg>' },
        resource: { 'service.name': '<i onclick=window.__xss=5>svc</i>' },
        status: { code: 'ERROR', message: '<img src=y onerror="window.__xss=6">' },
        events: [{ name: '<style>body{display:none}</style>', timeUnixNano: '1764000000000000000', attributes: { 'exception.message': '<img src=z onerror="window.__xss=7">' } }],
      }),
    ];
    await openTrace(page, records);
    await row(page, evil).click();
    await expect(details(page).getByRole('heading', { level: 2 })).toHaveText(evil);
    await expect(details(page)).toContainText('<script>window.__xss=3</script>');
    await expect(page.locator('.tv-summary')).toContainText(evil);
    await expect(page.getByRole('list', { name: 'Legend' })).toContainText('<i onclick=window.__xss=5>svc</i>');
    await page.getByRole('button', { name: 'Filters' }).click();
    await expect(page.getByLabel('Service', { exact: true }).locator('option').nth(1)).toHaveText('<i onclick=window.__xss=5>svc</i>');
    const injected = await page.locator('#main img, #main script:not([type]), #main svg[onload], #main b, #main style').count();
    expect(injected).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  });

  test('exports the trace as OTLP/JSON and imports it back to the same tree', async ({ page }, testInfo) => {
    const records = checkoutTrace({ failed: true }).concat([spanRecord({ name: 'lost', spanId: '0000000000000009', parentSpanId: 'ffffffffffffffff', start: 5, end: 6 })]);
    await openTrace(page, records, 'checkout.json');
    const before = await rowsOf(page);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export trace as OTLP/JSON' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`checkout-${CHECKOUT_TRACE_ID.slice(0, 8)}.otlp.json`);
    const path = testInfo.outputPath('export.json');
    await file.saveAs(path);
    const exported = readFileSync(path, 'utf8');
    const document = JSON.parse(exported) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ kind: unknown }> }> }> };
    // OTLP/JSON: enums as integers, ids as hex, 64-bit times as strings.
    expect(document.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.kind).toEqual(expect.any(Number));
    const byId = (list: SpanRecord[]) => [...list].sort((a, b) => (a.spanId < b.spanId ? -1 : 1));
    expect(byId(parseOtlpJson(exported).records)).toEqual(byId(records));

    await openViewer(page);
    await page.locator('[data-file-input]').setInputFiles(path);
    await expect(page.locator('[data-import-status]')).toContainText('Opened export.json: 6 spans');
    expect(await rowsOf(page)).toEqual(before);
  });

  test('says what is wrong and where in a malformed file', async ({ page }) => {
    await openFile(page, '{\n  "resourceSpans": [\n    {"resource": {}, }\n  ]\n}', 'broken.json');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Could not open broken.json');
    await expect(alert).toContainText('JSON syntax error at line 3, column 22');
    await expect(alert).toContainText('trailing commas');

    const badId = toOtlpJson(checkoutTrace());
    badId.resourceSpans[0]!.scopeSpans[0]!.spans[1]!.spanId = 'not-hex';
    await openFile(page, JSON.stringify(badId), 'bad-id.json');
    await expect(alert).toContainText('Could not open bad-id.json');
    await expect(alert).toContainText('resourceSpans[0].scopeSpans[0].spans[1].spanId');

    await openFile(page, JSON.stringify({ resourceMetrics: [] }), 'metrics.json');
    await expect(alert).toContainText('this looks like an OTLP metrics export, not traces');
    // A good file after a bad one clears the message.
    await openTrace(page, checkoutTrace());
    await expect(alert).toBeHidden();
  });

  test('opens Jaeger JSON and Zipkin v2 files as the same span tree as OTLP/JSON', async ({ page }) => {
    const fixture = (name: string) => new URL(`../fixtures/trace-formats/${name}`, import.meta.url).pathname;
    const status = page.locator('[data-import-status]');
    await page.locator('[data-file-input]').setInputFiles(fixture('checkout.otlp.json'));
    await expect(status).toContainText('Opened checkout.otlp.json: 6 spans');
    const otlpRows = await rowsOf(page);
    expect(otlpRows[0]).toMatch(/^1 GET \/checkout, 120 ms, shop-frontend/);
    // Every row shows its service after the span name.
    await expect(row(page, 'save order').locator('.tv-service')).toHaveText('checkout-service');

    await page.locator('[data-file-input]').setInputFiles(fixture('checkout.jaeger.json'));
    await expect(status).toContainText('Opened checkout.jaeger.json: 6 spans in 1 trace (Jaeger JSON)');
    expect(await rowsOf(page)).toEqual(otlpRows);

    await page.locator('[data-file-input]').setInputFiles(fixture('checkout.zipkin.json'));
    await expect(status).toContainText('Opened checkout.zipkin.json: 6 spans in 1 trace (Zipkin v2 JSON)');
    expect(await rowsOf(page)).toEqual(otlpRows);

    // A broken Jaeger file is named as one, with the span and field.
    const broken = JSON.parse(readFileSync(fixture('checkout.jaeger.json'), 'utf8')) as { data: Array<{ spans: Array<{ startTime: unknown }> }> };
    broken.data[0]!.spans[2]!.startTime = 'yesterday';
    await openFile(page, JSON.stringify(broken), 'broken-jaeger.json');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Could not open broken-jaeger.json as Jaeger JSON.');
    await expect(alert).toContainText('data[0].spans[2].startTime: expected a start time as an integer number of microseconds, got "yesterday"');
  });

  test('opens a file dropped on the page', async ({ page }) => {
    const text = otlpText(checkoutTrace());
    const dataTransfer = await page.evaluateHandle((json) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
      return transfer;
    }, text);
    await page.dispatchEvent('main', 'dragenter', { dataTransfer });
    await expect(page.locator('[data-drop-zone]')).toHaveAttribute('data-dragging', '');
    await page.dispatchEvent('main', 'dragover', { dataTransfer });
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    await expect(page.locator('[data-import-status]')).toContainText('Opened dropped.json: 6 spans');
    await expect(row(page, 'stripe api call')).toBeVisible();
  });

  test('lists several traces and shows the one chosen', async ({ page }) => {
    const other = checkoutTrace().map((r) => ({ ...r, traceId: 'b'.repeat(32), name: `other ${r.name}` }));
    await openTrace(page, [...checkoutTrace(), ...other]);
    await expect(page.getByRole('list', { name: 'Notes about this trace' })).toContainText('This data holds 2 traces');
    const picker = page.getByLabel('Trace', { exact: true });
    await expect(picker.locator('option')).toHaveCount(2);
    await picker.selectOption('b'.repeat(32));
    await expect(row(page, 'other POST /checkout')).toBeVisible();
    await expect(row(page, 'POST /checkout')).toHaveCount(0);
  });
});

test('a URL fragment selects a span, and selecting one writes it', async ({ page }) => {
  await openViewer(page, `#span=A000000000000005&trace=${CHECKOUT_TRACE_ID}`);
  await openTrace(page, checkoutTrace());
  await expect(row(page, 'stripe api call')).toHaveAttribute('aria-selected', 'true');
  await expect(details(page).getByRole('heading', { level: 2 })).toHaveText('stripe api call');
  await row(page, 'validate cart').click();
  expect(new URL(page.url()).hash).toBe(`#span=a000000000000003&trace=${CHECKOUT_TRACE_ID}`);
  await page.evaluate((id) => (location.hash = `#span=a000000000000006&trace=${id}`), CHECKOUT_TRACE_ID);
  await expect(details(page).getByRole('heading', { level: 2 })).toHaveText('save order to db');
});

test('works at phone width: rows readable, nothing wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await openViewer(page);
  // A file whose import warning names a long path: that text must wrap too.
  await openFile(page, readFileSync(new URL('../fixtures/otlp/example-trace.json', import.meta.url), 'utf8'), 'example.json');
  await expect(page.locator('[data-import-warnings]')).toContainText('resourceSpans[0].scopeSpans[0].scope.attributes');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await openTrace(page, checkoutTrace());
  await expect(page.locator('.trace-viewer')).toHaveAttribute('data-layout', 'narrow');
  await expect(row(page, 'stripe api call')).toBeVisible();
  await expect(row(page, 'stripe api call').locator('.tv-name')).toHaveText('stripe api call');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await row(page, 'charge payment').click();
  await expect(details(page).getByRole('heading', { level: 2 })).toHaveText('charge payment');
});

test('a big trace renders only the rows in view, and scrolls', async ({ page }) => {
  await openViewer(page);
  await openTrace(page, generateBigTrace({ spans: 5_000, seed: 11 }), 'big.json');
  await expect(tree(page)).toHaveAttribute('aria-rowcount', '5001');
  const rendered = await tree(page).locator('.tv-body [role="row"]').count();
  expect(rendered).toBeLessThan(80);
  await page.locator('.tv-body').evaluate((body) => (body.scrollTop = body.scrollHeight));
  await expect(tree(page).locator('.tv-body [role="row"][aria-rowindex="5001"]')).toBeVisible();
  await page.locator('.tv-body [role="row"][aria-rowindex="5001"]').focus();
  await page.keyboard.press('Home');
  await expect(tree(page).locator('[role="row"][aria-rowindex="2"]')).toBeFocused();
});

test('the playground shows its run in the span viewer, with the raw records one click away', async ({ page }) => {
  await page.goto('/playground/');
  await page.evaluate(() => window.courseRuntime!.ready);
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('[data-span-count]')).toHaveText('(6 ended)');
  expect((await rowsOf(page)).map((r) => r.split(',')[0])).toEqual(['1 POST /checkout', '2 auth middleware', '2 validate cart', '2 charge payment', '3 stripe api call', '2 save order to db']);
  await row(page, 'stripe api call').click();
  await expect(details(page).getByRole('heading', { level: 3 })).toHaveText('stripe api call');
  await expect(page.locator('[data-spans]')).toBeHidden();
  await page.getByText('Raw span records').click();
  await expect(page.locator('[data-spans]')).toContainText('"name": "stripe api call"');
});
