// A small OTLP/JSON exporter: it sends to whatever URL and headers it is given. The sandbox's
// services read plain text, so it sends the body uncompressed and prints the compression a real
// exporter would apply (with gzip: a gzipped body and `content-encoding: gzip`).
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { fetch, otlpJson } from '@course/sandbox';

export interface OtlpSettings {
  /** The full URL the spans are POSTed to, e.g. http://localhost:4318/v1/traces. */
  url: string;
  /** Extra request headers, e.g. an API key. */
  headers: Record<string, string>;
  /** `gzip` or `none`. */
  compression: 'gzip' | 'none';
}

export class OtlpJsonExporter implements SpanExporter {
  private readonly settings: OtlpSettings;

  constructor(settings: OtlpSettings) {
    this.settings = settings;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const { url, headers, compression } = this.settings;
    fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: otlpJson(spans) }).then(
      (response) => {
        console.log(`exporter: POST ${url} (compression ${compression}) answered ${response.status}`);
        resultCallback(response.ok ? { code: ExportResultCode.SUCCESS } : { code: ExportResultCode.FAILED, error: new Error(`${url} answered ${response.status}`) });
      },
      (error: unknown) => {
        console.log(`exporter: POST ${url} failed: ${String(error)}`);
        resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
}
