import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Transport, WireRequest, WireResponse } from '../harness/network.ts';
import type { NetworkGuard } from './network-guard.ts';

/** Headers Node's HTTP client adds by itself; a service records only what the sender set. */
const STACK_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding']);

/**
 * Real HTTP on 127.0.0.1: one server per sandbox service, one request per fetch. Under a network
 * guard, the harness listens as itself and its services' ports are the only ones a program reaches.
 */
export function httpTransport(guard?: NetworkGuard): Transport {
  const servers: http.Server[] = [];
  return {
    listen(handle) {
      const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [key, value] of Object.entries(req.headers)) {
            if (!STACK_HEADERS.has(key) && value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
          }
          const wire: WireRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') };
          // The server was created inside the program's active span; requests must not inherit it.
          context.with(ROOT_CONTEXT, () => handle(wire)).then(
            (response) => res.writeHead(response.status, response.headers).end(response.body),
            (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
          );
        });
      });
      server.unref();
      servers.push(server);
      return new Promise((resolve) => {
        const listen = () =>
          server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as AddressInfo;
            guard?.allowPort(port);
            resolve(port);
          });
        if (guard) guard.privileged(listen);
        else listen();
      });
    },
    send(endpoint, request) {
      return new Promise<WireResponse>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: endpoint as number, method: request.method, path: request.path, headers: request.headers, agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [key, value] of Object.entries(res.headers)) if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
            resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
          });
        });
        req.on('error', reject);
        req.end(request.body || undefined);
      });
    },
  };
}
