import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../src/grading/static-server.ts';

let root = '';
let server: StaticServer;
const outside = path.join(os.tmpdir(), 'outside-the-site.txt');

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'static-server-'));
  fs.mkdirSync(path.join(root, 'lessons/first'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<h1>Home</h1>');
  fs.writeFileSync(path.join(root, 'lessons/first/index.html'), '<h1>First</h1>');
  fs.writeFileSync(path.join(root, 'app.js'), 'export {};');
  fs.writeFileSync(path.join(root, '404.html'), '<h1>Not in the course</h1>');
  fs.writeFileSync(outside, 'secret');
  server = await serveStatic(root);
});

afterAll(async () => {
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(outside, { force: true });
});

const get = (pathname: string) => fetch(`${server.url}${pathname}`);

describe('the static server, as a static host serves a built course', () => {
  it('serves a folder’s index.html and files with their types and the isolation headers, uncompressed', async () => {
    const page = await get('/lessons/first/');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<h1>First</h1>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const script = await fetch(`${server.url}/app.js`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-encoding')).toBeNull();
    expect(await script.text()).toBe('export {};');
  });

  it('answers an unknown path with the site’s 404.html and status 404', async () => {
    const missing = await get('/lessons/none/');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await missing.text()).toBe('<h1>Not in the course</h1>');
  });

  it('serves nothing outside its folder', async () => {
    const escape = await get('/..%2Foutside-the-site.txt');
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('secret');
  });
});
