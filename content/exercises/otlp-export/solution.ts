import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { fetch, otlpJson } from '@course/sandbox';

/** Sends finished spans to an OTLP/HTTP receiver as JSON, e.g. `new OtlpJsonExporter('http://collector.sandbox:4318')`. */
export class OtlpJsonExporter implements SpanExporter {
  private readonly url: string;

  constructor(baseUrl: string) {
    this.url = `${baseUrl}/v1/traces`;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: otlpJson(spans),
    }).then(
      (response) =>
        resultCallback(
          response.ok
            ? { code: ExportResultCode.SUCCESS }
            : { code: ExportResultCode.FAILED, error: new Error(`${this.url} answered ${response.status}`) },
        ),
      (error: unknown) => resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
}
