import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, defineChecks, runChecks } from '../../src/checks/index.ts';
import { NodeRuntime } from '../../src/runtime/node-runtime.ts';
import type { RunResult } from '../../src/runtime/runtime.ts';
import { source, traced } from '../helpers/programs.ts';

/** What host-Node grading refuses a program, through the real runtime. */
const runtimes = { 'guard alone': new NodeRuntime({ networkNamespace: 'off' }), 'guard and namespace': new NodeRuntime() };
const runtime = runtimes['guard alone'];

const denials = (result: RunResult) => result.errors.filter((e) => e.name === 'AccessDenied').map((e) => e.message);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockdown-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a graded program in host Node', () => {
  it('may not write a file, even when it catches the error, and the run says so', async () => {
    const target = path.join(dir, 'written.txt');
    const caught = path.join(dir, 'caught.txt');
    const result = await runtime.run(
      source(`import fs from 'node:fs';
export async function main() {
  try { fs.writeFileSync(${JSON.stringify(caught)}, 'x'); } catch {}
  await fs.promises.writeFile(${JSON.stringify(target)}, 'x');
}`),
    );
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.existsSync(caught)).toBe(false);
    expect(denials(result)).toEqual([
      `The program tried to write ${caught}; graded programs may not write files.`,
      `The program tried to write ${target}; graded programs may not write files.`,
    ]);
    // The rejection that ended main() is that denial, not reported a second time in Node's words.
    expect(result.errors).toHaveLength(2);
    expect(result.exit).toBe('error');
  });

  it('may not read files outside its own, such as /etc/passwd', async () => {
    const result = await runtime.run(source(`import { readFileSync } from 'node:fs';\nexport function main() { console.log(readFileSync('/etc/passwd', 'utf8')); }`));
    expect(denials(result)).toEqual(['The program tried to read /etc/passwd; graded programs may read only their own files.']);
    expect(result.console.map((l) => l.text).join('\n')).not.toMatch(/root:/);
  });

  it('may not start a process with spawn or execSync', async () => {
    const marker = path.join(dir, 'spawned');
    const result = await runtime.run(
      source(`import { spawn, execSync } from 'node:child_process';
export function main() {
  try { spawn('touch', [${JSON.stringify(marker)}]); } catch {}
  try { console.log(String(execSync('id'))); } catch {}
}`),
    );
    expect(denials(result)).toEqual([
      'The program tried to start a process (touch); graded programs may not start processes.',
      'The program tried to start a process (/bin/sh); graded programs may not start processes.',
    ]);
    expect(fs.existsSync(marker)).toBe(false);
    expect(result.console.map((l) => l.text).join('\n')).not.toMatch(/uid=/);
  });

  it('may not start a Worker thread', async () => {
    const result = await runtime.run(source(`import { Worker } from 'node:worker_threads';\nexport function main() { new Worker('1', { eval: true }); }`));
    expect(denials(result)).toEqual(['The program tried to start a Worker thread; graded programs may not start Workers.']);
  });

  it('keeps the built-ins a program may use working: crypto, events, util, buffer, timers', async () => {
    const result = await runtime.run(
      source(`import { randomUUID, createHash } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { format } from 'node:util';
import { Buffer } from 'node:buffer';
import { setTimeout as sleep } from 'node:timers/promises';
class Orders extends EventEmitter {}
export async function main() {
  const orders = new Orders();
  const placed = once(orders, 'placed');
  orders.emit('placed', 'A-17');
  const [id] = await placed;
  await sleep(1);
  console.log(format('%s %d %s %s', id, randomUUID().length, createHash('sha256').update('x').digest('hex').slice(0, 8), Buffer.from('hi').toString('base64')), orders instanceof EventEmitter);
}`),
    );
    expect(result.errors).toEqual([]);
    expect(result.console.map((l) => l.text)).toEqual(['A-17 36 2d711642 aGk= true']);
  });

  it('keeps only PATH and NODE_ENV of the environment', async () => {
    const result = await runtime.run(source(`export function main() { console.log(Object.keys(process.env).sort().join(',')); }`));
    expect(result.console.map((l) => l.text)).toEqual(['NODE_ENV,PATH']);
  });

  it('may not listen, resolve names, send UDP or signal another process', async () => {
    const result = await runtime.run(
      source(`import http from 'node:http';
import dgram from 'node:dgram';
import dns from 'node:dns';
export async function main() {
  await new Promise<void>((resolve) => http.createServer().on('error', () => resolve()).listen(8080));
  await dns.promises.lookup('example.com').catch(() => undefined);
  try { dgram.createSocket('udp4').send('x', 53, '127.0.0.1'); } catch {}
  try { process.kill(process.ppid, 'SIGTERM'); } catch {}
}`),
    );
    expect(denials(result)).toEqual([
      expect.stringMatching(/^The program tried to listen on port 8080; graded programs reach only the sandbox's services/),
      expect.stringMatching(/^The program tried to look up example.com in DNS; /),
      expect.stringMatching(/^The program tried to send UDP datagrams; /),
      expect.stringMatching(/^The program tried to signal process \d+; graded programs may signal only themselves\.$/),
    ]);
  });

  describe.each(Object.entries(runtimes))('network (%s)', (_, graded) => {
    let server: net.Server;
    let port: number;
    let connections = 0;
    beforeAll(async () => {
      server = net.createServer((socket) => {
        connections += 1;
        socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nhi');
      });
      port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('reaches no port on 127.0.0.1 but its services, by net, http or fetch, while the sandbox services work', async () => {
      const result = await graded.run(
        traced(`import net from 'node:net';
import http from 'node:http';
import { fetch as sandboxFetch, serve } from '@course/sandbox';
export async function main() {
  await new Promise<void>((resolve) => net.connect(${port}, '127.0.0.1').on('error', () => resolve()).on('connect', () => resolve()));
  await new Promise<void>((resolve) => http.get('http://localhost:${port}/').on('error', () => resolve()).on('response', () => resolve()));
  await fetch('http://127.0.0.1:${port}/').catch(() => undefined);
  await serve('payments', () => ({ body: 'ok' }));
  const response = await sandboxFetch('http://payments.sandbox/pay');
  console.log('sandbox service:', await response.text());
}`),
      );
      expect(connections).toBe(0);
      expect(denials(result)).toEqual([
        `The program tried to connect to 127.0.0.1:${port}; graded programs reach only the sandbox's services (started with serve() from @course/sandbox, and http://collector.sandbox:4318).`,
        `The program tried to connect to localhost:${port}; graded programs reach only the sandbox's services (started with serve() from @course/sandbox, and http://collector.sandbox:4318).`,
      ]);
      expect(result.console.map((l) => l.text)).toEqual(['sandbox service: ok']);
      expect(result.requests.map((r) => `${r.service} ${r.path}`)).toEqual(['payments /pay']);
    });
  });

  it('reports a denial in the grading results, with the checks still run', async () => {
    const result = await runtime.run(source(`import fs from 'node:fs';\nexport function main() { fs.writeFileSync('/tmp/x', 'x'); }`));
    const checks = defineChecks([check('Ran', ({ allSpansEnded }) => allSpansEnded())]);
    const results = runChecks(checks, result);
    expect(results.message).toMatch(/The program tried to write \/tmp\/x; graded programs may not write files\./);
    expect(results.tests).toEqual([{ name: 'Ran', status: 'pass' }]);
  });
});
