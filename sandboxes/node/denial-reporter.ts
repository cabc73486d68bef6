import type { RunError } from '../wire/protocol.ts';
import { accessDenied, deniedMessage, isAccessDenied } from './access-denied.ts';

/**
 * Turns every denial, whether the program caught it or not, into one clear message to the
 * learner: an `AccessDenied` run error, sent once per distinct message. Errors the permission
 * model throws get the same sentence as their message, so a program that prints or rethrows
 * them shows it too.
 */
export class DenialReporter {
  private readonly sent = new Set<string>();
  private readonly known = new WeakSet<object>();
  private readonly send: (error: RunError) => void;

  constructor(send: (error: RunError) => void) {
    this.send = send;
  }

  /** Reports a denial of the network guard and returns the error to throw or emit. */
  readonly deny = (message: string): Error => {
    const error = accessDenied(message);
    this.known.add(error);
    this.report(message);
    return error;
  };

  /**
   * If `thrown` is a denial, reports it (once) with a clear message and returns true, so that
   * whoever sees it next does not report it again as an ordinary error.
   */
  readonly claim = (thrown: unknown): boolean => {
    if (!isAccessDenied(thrown)) return false;
    if (!this.known.has(thrown)) {
      const message = deniedMessage(thrown);
      try {
        const first = `Error [ERR_ACCESS_DENIED]: ${thrown.message}`;
        const error = thrown as unknown as Error;
        error.message = message;
        if (typeof error.stack === 'string') error.stack = error.stack.replace(first, `Error: ${message}`);
      } catch {
        // A frozen error keeps its words; the report below still has the clear ones.
      }
      this.known.add(thrown);
      this.report(message);
    }
    return true;
  };

  private report(message: string): void {
    if (this.sent.has(message)) return;
    this.sent.add(message);
    this.send({ kind: 'sandbox', name: 'AccessDenied', message });
  }
}

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * A built-in module as a graded program sees it: the same functions, but a denial they throw,
 * reject with or pass to a callback is claimed by `claim` first. What the permission model
 * denies stays denied either way; this only makes sure the learner hears about it.
 */
export function reportingModule(module: object, claim: (thrown: unknown) => boolean): object {
  const wrapped = new WeakMap<object, unknown>();
  const pass = (thrown: unknown): never => {
    claim(thrown);
    throw thrown;
  };
  const settle = (value: unknown): unknown => (value instanceof Promise ? value.catch(pass) : value);
  const callbacks = (args: unknown[]): unknown[] => {
    const last = args.at(-1);
    if (typeof last !== 'function') return args;
    const callback = function (this: unknown, ...results: unknown[]) {
      claim(results[0]);
      return (last as AnyFunction).apply(this, results);
    };
    return [...args.slice(0, -1), callback];
  };
  const wrapFunction = (fn: AnyFunction) =>
    new Proxy(fn, {
      apply(target, self, args: unknown[]) {
        try {
          return settle(Reflect.apply(target, self, callbacks(args)));
        } catch (thrown) {
          return pass(thrown);
        }
      },
      construct(target, args: unknown[], newTarget: (...a: unknown[]) => object) {
        try {
          return Reflect.construct(target, args, newTarget) as object;
        } catch (thrown) {
          return pass(thrown);
        }
      },
    });
  return new Proxy(module, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
      // A proxy must hand out a non-configurable, read-only property as it is.
      if (descriptor && !descriptor.configurable && !descriptor.writable && 'value' in descriptor) return value;
      if (typeof value !== 'function' && !(key === 'promises' && typeof value === 'object' && value !== null)) return value;
      if (!wrapped.has(value)) wrapped.set(value, typeof value === 'function' ? wrapFunction(value as AnyFunction) : reportingModule(value, claim));
      return wrapped.get(value);
    },
  });
}
