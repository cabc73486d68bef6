/// <reference path="../types/course-sandbox.d.ts" />
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import type * as CourseSandbox from '@course/sandbox';
import type { SandboxRequest, SandboxResponse, SandboxResponseInit } from '@course/sandbox';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { CapturedRequest } from '../wire/protocol.ts';
import { toOtlpJson } from '../wire/otlp-export.ts';
import { spanRecordFromReadableSpan } from '../wire/readable-span.ts';
import { unreportedWork, type Work } from './work.ts';
import { unreportedObservation, visibleInput, type Input, type Observe } from './inputs.ts';

// What learner code sees of this module is declared once, in the learner-facing declaration the
// editor and check:content use; the implementation below is checked against it.
export type { SandboxRequest, SandboxResponse, SandboxResponseInit };
export type SandboxHandler = (request: SandboxRequest) => SandboxResponseInit | Promise<SandboxResponseInit>;

/** A request on the wire, without the helpers. */
export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * How requests travel. In a Worker they stay in memory; in Node (host or WebContainer) every
 * service is a real HTTP server on 127.0.0.1 and every request a real HTTP request, so headers
 * cross a real network stack, as in production.
 */
export interface Transport {
  listen(handle: (request: WireRequest) => Promise<WireResponse>): Promise<unknown>;
  send(endpoint: unknown, request: WireRequest): Promise<WireResponse>;
}

/** The in-memory transport: the handler runs in a new task, outside the caller's context. */
export function memoryTransport(macrotask: (fn: () => void) => void): Transport {
  return {
    listen: async (handle) => handle,
    send: (endpoint, request) =>
      new Promise((resolve, reject) => {
        // Nothing of the caller's context may leak into the service: as over a real network,
        // only the headers carry it.
        macrotask(() => context.with(ROOT_CONTEXT, () => (endpoint as (r: WireRequest) => Promise<WireResponse>)(request)).then(resolve, reject));
      }),
  };
}

const COLLECTOR = 'collector';
export const COLLECTOR_URL = 'http://collector.sandbox:4318';

/**
 * The `@course/sandbox` module learner code imports: `serve()` starts a named service reachable
 * at `http://<name>.sandbox`, `fetch()` reaches those services and the sandbox's OTLP collector
 * (`http://collector.sandbox:4318/v1/traces`). Every request a service receives is recorded.
 */
export function createSandboxModule(options: { runtime: 'worker' | 'node'; transport: Transport; record(request: CapturedRequest): void; work?: Work; input?: Input; observe?: Observe }) {
  const endpoints = new Map<string, Promise<unknown>>();

  const listen = (name: string, handler: SandboxHandler) => {
    const handle = async (wire: WireRequest): Promise<WireResponse> => {
      options.record({ service: name, ...wire });
      const request: SandboxRequest = { ...wire, json: () => JSON.parse(wire.body) as unknown };
      const result = await handler(request);
      const isText = typeof result.body === 'string' || result.body === undefined;
      return {
        status: result.status ?? 200,
        headers: { ...(isText ? {} : { 'content-type': 'application/json' }), ...(result.headers ?? {}) },
        body: isText ? ((result.body as string | undefined) ?? '') : JSON.stringify(result.body),
      };
    };
    const endpoint = options.transport.listen(handle);
    endpoints.set(name, endpoint);
    return endpoint;
  };

  const collector: SandboxHandler = (request) =>
    request.method === 'POST' && request.path === '/v1/traces'
      ? { status: 200, body: { partialSuccess: {} } }
      : { status: 404, body: `The collector accepts POST /v1/traces, not ${request.method} ${request.path}.` };

  async function serve(name: string, handler: SandboxHandler): Promise<{ url: string }> {
    if (!/^[a-z][a-z0-9-]*$/.test(name) || name === COLLECTOR) {
      throw new Error(`serve("${name}"): a service name is lowercase letters, digits and hyphens, and not "${COLLECTOR}".`);
    }
    if (endpoints.has(name)) throw new Error(`serve("${name}"): a service with this name is already running.`);
    await listen(name, handler);
    return { url: `http://${name}.sandbox` };
  }

  async function fetch(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<SandboxResponse> {
    const parsed = new URL(url);
    const match = /^([a-z][a-z0-9-]*)\.sandbox$/.exec(parsed.hostname);
    const name = match?.[1];
    if (!name) {
      throw new TypeError(`fetch failed: ${parsed.host} cannot be reached from the sandbox; use a service started with serve() (http://<name>.sandbox) or ${COLLECTOR_URL}.`);
    }
    let endpoint = endpoints.get(name);
    if (!endpoint && name === COLLECTOR) endpoint = listen(COLLECTOR, collector);
    if (!endpoint) {
      const running = [...endpoints.keys()].filter((n) => n !== COLLECTOR).map((n) => `${n}.sandbox`);
      throw new TypeError(`fetch failed: no service "${name}" is running${running.length ? ` (running: ${running.join(', ')})` : ''}. Start it with serve("${name}", handler).`);
    }
    const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const response = await options.transport.send(await endpoint, {
      method: (init.method ?? 'GET').toUpperCase(),
      path: `${parsed.pathname}${parsed.search}`,
      headers,
      body: init.body ?? '',
    });
    return {
      status: response.status,
      ok: response.status >= 200 && response.status < 300,
      headers: response.headers,
      text: async () => response.body,
      json: async () => JSON.parse(response.body) as unknown,
    };
  }

  /** The OTLP/JSON body (`ExportTraceServiceRequest`) for finished SDK spans, as an exporter sends it. */
  const otlpJson = (spans: ReadableSpan[]): string => JSON.stringify(toOtlpJson(spans.map(spanRecordFromReadableSpan)));

  return Object.freeze({
    runtime: options.runtime,
    serve,
    fetch,
    collectorUrl: COLLECTOR_URL,
    otlpJson,
    work: options.work ?? unreportedWork,
    input: options.input ?? visibleInput,
    observe: options.observe ?? unreportedObservation,
  } satisfies typeof CourseSandbox);
}
