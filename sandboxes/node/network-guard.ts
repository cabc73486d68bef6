import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';
import os from 'node:os';
import { dnsDenied, killDenied, listenDenied, networkDenied, udpDenied } from './access-denied.ts';

/**
 * Node's permission model (Node 22) does not cover the network, so the harness closes it in
 * JavaScript before any learner code runs: every TCP connection (net, http, https, tls, http2,
 * `fetch`, `WebSocket`: all of them open sockets through `net.Socket.prototype.connect`) may go
 * only to the sandbox's own services on 127.0.0.1; a program may not listen (services start with
 * `serve()`), send UDP, resolve names in DNS or signal other processes. The replacements are
 * non-writable and non-configurable, and the originals live only in this module's closures.
 *
 * Limits: this holds against JavaScript that uses Node's public modules. Node's internal
 * bindings stay out of reach because `--permission` disables `process.binding()`, addons, the
 * inspector and Workers; a kernel-level barrier (a network namespace) is the runtime's job.
 */
export interface NetworkGuard {
  /** A port the sandbox's own services listen on, on 127.0.0.1. */
  allowPort(port: number): void;
  /** Runs `fn` as the harness: listening is allowed inside it. */
  privileged<T>(fn: () => T): T;
}

/** `report` tells the learner (once) and returns the error to throw or emit. */
export type Deny = (message: string) => Error;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '::ffff:127.0.0.1']);

function lock(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: false, configurable: false, enumerable: false });
}

interface Target {
  host: string;
  port: number;
  path?: string;
}

/** The target of any form `socket.connect` accepts: `(options)`, `(path)`, `(port, host)`, or net's normalized array. */
function connectTarget(args: unknown[]): Target {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const { host, port, path } = first as { host?: unknown; port?: unknown; path?: unknown };
    return { host: typeof host === 'string' ? host : 'localhost', port: Number(port), ...(typeof path === 'string' ? { path } : {}) };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { host: '', port: NaN, path: first };
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: Number(first) };
}

const describeTarget = (t: Target) => t.path ?? `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;

const isIp = (name: string) => net.isIP(name) !== 0;

function guardSockets(allowed: Set<number>, deny: Deny, isPrivileged: () => boolean): void {
  const connect = net.Socket.prototype.connect as (this: net.Socket, ...args: unknown[]) => net.Socket;
  lock(net.Socket.prototype, 'connect', function (this: net.Socket, ...args: unknown[]) {
    const target = connectTarget(args);
    if (target.path === undefined && LOOPBACK.has(target.host) && allowed.has(target.port)) return connect.apply(this, args);
    const error = deny(networkDenied(describeTarget(target)));
    // As a refused connection fails: an 'error' event, not a throw, so fetch and http report it their way.
    process.nextTick(() => this.destroy(error));
    return this;
  });
  const listen = net.Server.prototype.listen as (this: net.Server, ...args: unknown[]) => net.Server;
  lock(net.Server.prototype, 'listen', function (this: net.Server, ...args: unknown[]) {
    if (isPrivileged()) return listen.apply(this, args);
    const first = args[0] as { port?: unknown; path?: unknown } | number | string | undefined;
    const where = typeof first === 'object' && first !== null ? (first.path ?? `port ${String(first.port ?? 0)}`) : `port ${String(first ?? 0)}`;
    const error = deny(listenDenied(String(where)));
    process.nextTick(() => this.emit('error', error));
    return this;
  });
  for (const method of ['bind', 'connect', 'send'] as const) {
    lock(dgram.Socket.prototype, method, () => {
      throw deny(udpDenied());
    });
  }
}

function guardDns(deny: Deny): void {
  const lookup = dns.lookup as (...args: unknown[]) => unknown;
  const lookupAsync = dns.promises.lookup as (...args: unknown[]) => Promise<unknown>;
  // Names that resolve without a query (IP literals, localhost) stay allowed: Node's own listen and connect use them.
  const local = (name: unknown) => typeof name === 'string' && (isIp(name) || name === 'localhost');
  lock(dns, 'lookup', (...args: unknown[]) => {
    if (local(args[0])) return lookup(...args);
    const error = deny(dnsDenied(String(args[0])));
    const callback = args.at(-1);
    if (typeof callback !== 'function') throw error;
    process.nextTick(() => (callback as (e: Error) => void)(error));
    return undefined;
  });
  lock(dns.promises, 'lookup', (...args: unknown[]) => (local(args[0]) ? lookupAsync(...args) : Promise.reject(deny(dnsDenied(String(args[0]))))));
  const queries = ['lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];
  for (const target of [dns, dns.Resolver.prototype] as object[]) {
    for (const name of queries) {
      if (name in target) {
        lock(target, name, (...args: unknown[]) => {
          const error = deny(dnsDenied(String(args[0])));
          const callback = args.at(-1);
          if (typeof callback !== 'function') throw error;
          process.nextTick(() => (callback as (e: Error) => void)(error));
        });
      }
    }
  }
  for (const target of [dns.promises, dns.promises.Resolver.prototype] as object[]) {
    for (const name of queries) if (name in target) lock(target, name, (...args: unknown[]) => Promise.reject(deny(dnsDenied(String(args[0])))));
  }
}

function guardSignals(deny: Deny): void {
  const own = (pid: unknown) => Number(pid) === process.pid || pid === 0 || pid === undefined;
  const kill = process.kill.bind(process);
  lock(process, 'kill', (pid: number, signal?: string | number) => {
    if (Number(pid) !== process.pid) throw deny(killDenied(Number(pid)));
    return kill(pid, signal);
  });
  const rawKill = (process as unknown as { _kill?: (pid: number, signal: number) => number })._kill;
  if (rawKill) {
    lock(process, '_kill', (pid: number, signal: number) => {
      if (Number(pid) !== process.pid) throw deny(killDenied(Number(pid)));
      return rawKill.call(process, pid, signal);
    });
  }
  const setPriority = os.setPriority.bind(os) as (...args: unknown[]) => void;
  lock(os, 'setPriority', (...args: unknown[]) => {
    if (args.length > 1 && !own(args[0])) throw deny(killDenied(Number(args[0])));
    return setPriority(...args);
  });
}

/** Installs every guard; call once, before any learner code runs. */
export function installNetworkGuard(deny: Deny): NetworkGuard {
  const allowed = new Set<number>();
  let privileged = 0;
  guardSockets(allowed, deny, () => privileged > 0);
  guardDns(deny);
  guardSignals(deny);
  return {
    allowPort: (port) => void allowed.add(port),
    privileged(fn) {
      privileged += 1;
      try {
        return fn();
      } finally {
        privileged -= 1;
      }
    },
  };
}
