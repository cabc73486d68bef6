/**
 * The sandbox's own module, for exercises whose services talk over HTTP. In host Node and in
 * WebContainers, every service is a real HTTP server on 127.0.0.1; in the in-browser Worker the
 * requests stay in memory. Either way only headers carry trace context from caller to service.
 */
declare module '@course/sandbox' {
  export interface SandboxRequest {
    method: string;
    /** Path and query, e.g. `/payments`. */
    path: string;
    /** Header names are lowercase. */
    headers: Record<string, string>;
    body: string;
    json(): unknown;
  }
  export interface SandboxResponseInit {
    status?: number;
    headers?: Record<string, string>;
    /** A string, or a value sent as JSON. */
    body?: unknown;
  }
  export interface SandboxResponse {
    status: number;
    ok: boolean;
    headers: Record<string, string>;
    text(): Promise<string>;
    json(): Promise<unknown>;
  }
  /** Which runtime the program runs in. */
  export const runtime: 'worker' | 'node';
  /** Starts a service reachable at `http://<name>.sandbox`. */
  export function serve(
    name: string,
    handler: (request: SandboxRequest) => SandboxResponseInit | Promise<SandboxResponseInit>,
  ): Promise<{ url: string }>;
  /** Sends a request to a sandbox service or to the OTLP collector. */
  export function fetch(url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<SandboxResponse>;
  /** The sandbox's OTLP/HTTP collector: POST OTLP/JSON to `${collectorUrl}/v1/traces`. */
  export const collectorUrl: string;
  /**
   * Runs `fn` and reports to the sandbox that the work `operation` ran, under which active span
   * and when, so that checks can tell real work from spans that only look right. Only the
   * exercise's own files report; in your files it just runs `fn`.
   */
  export function work<T>(operation: string, fn: () => T | Promise<T>): Promise<T>;
  /** Seeded choices for a hidden input. */
  export interface InputRandom {
    int(min: number, max: number): number;
    pick<T>(items: readonly T[]): T;
    word(length: number): string;
  }
  /**
   * A value the scenario hands the program: `visible` in the run you see; in a hidden run the
   * grader also makes, `hidden(random)`, so that an answer fixed in the code fails.
   */
  export function input<T>(name: string, visible: T, hidden: (random: InputRandom) => T): T;
  /** Reports to the checks what the scenario saw the program return; only the exercise's own files report. */
  export function observe(name: string, value: unknown): void;
  /** The OTLP/JSON body (an `ExportTraceServiceRequest`) for finished spans, as an OTLP exporter sends it. */
  export function otlpJson(spans: import('@opentelemetry/sdk-trace').ReadableSpan[]): string;
}
