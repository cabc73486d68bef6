import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/** The headers the deploy configs send: cross-origin isolation, for WebContainers. */
export const ISOLATION_HEADERS: Record<string, string> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

export interface StaticServerOptions {
  /** The sub-path the site is built for (`COURSE_BASE`); requests outside it get 404. */
  base?: string;
  /** Sent with every response; the deploy configs' isolation headers by default. */
  headers?: Record<string, string>;
  port?: number;
}

export interface StaticServer {
  /** Origin, e.g. `http://127.0.0.1:43123`. */
  origin: string;
  /** Origin and base, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built course on 127.0.0.1 as a static host does (a folder serves its index.html, an
 * unknown path the site's 404.html with status 404), files as they are, without compressing
 * them on every request: for tools and tests that drive the built site in a browser.
 */
export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const { base = '/', headers = ISOLATION_HEADERS, port = 0 } = options;
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let file = pathname.startsWith(base) ? path.join(root, pathname.slice(base.length)) : '';
    if (file && !path.resolve(file).startsWith(path.resolve(root))) file = '';
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file || !fs.existsSync(file)) {
      const notFound = path.join(root, '404.html');
      if (!fs.existsSync(notFound)) {
        res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(404, { ...headers, 'content-type': TYPES['.html']! });
      fs.createReadStream(notFound).pipe(res);
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, url: `${origin}${base.replace(/\/$/, '')}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
