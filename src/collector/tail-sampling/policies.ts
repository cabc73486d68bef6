/**
 * The `tail_sampling` processor's policies, built from their configuration with the semantics of
 * opentelemetry-collector-contrib's processor/tailsamplingprocessor (internal/sampling/*.go).
 * Each policy type the course supports is a factory of evaluators, so that a run starts with
 * fresh state (the composite policy counts spans per second).
 */
import { didYouMean } from '../../course/suggest.ts';
import type { KeyPath } from '../config-source.ts';
import type { Decision } from './decision.ts';
import { defaultHashSalt, hashTraceId, samplingThreshold } from './fnv-hash.ts';
import { byResource, type TraceData } from './trace-data.ts';

/** What an evaluator is told besides the trace: the second in which the decision is made. */
export interface DecisionTime {
  second: number;
}

export interface Evaluator {
  evaluate(trace: TraceData, time: DecisionTime): Decision;
}

export interface PolicySpec {
  name: string;
  type: string;
  create(): Evaluator;
}

export interface PolicyProblem {
  severity: 'error' | 'warning';
  path: KeyPath;
  message: string;
}

/** Every policy type of the processor. */
export const policyTypes = [
  'always_sample', 'latency', 'numeric_attribute', 'probabilistic', 'status_code', 'string_attribute',
  'trace_state', 'trace_flags', 'rate_limiting', 'bytes_limiting', 'span_count', 'boolean_attribute',
  'ottl_condition', 'and', 'drop', 'composite',
] as const;

/** The policy types this engine implements. */
export const supportedPolicyTypes = ['always_sample', 'status_code', 'latency', 'probabilistic', 'string_attribute', 'and', 'composite'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

type Level = 'top' | 'and' | 'composite';

export class PolicyBuilder {
  readonly problems: PolicyProblem[] = [];

  private error(path: KeyPath, message: string): void {
    this.problems.push({ severity: 'error', path, message });
  }

  private warning(path: KeyPath, message: string): void {
    this.problems.push({ severity: 'warning', path, message });
  }

  /** Builds the policies of a `policies:` list; undefined entries are the ones with errors. */
  list(value: unknown, path: KeyPath, level: Level): PolicySpec[] {
    if (!Array.isArray(value) || value.length === 0) {
      this.error(path, `\`${String(path[path.length - 1])}\` needs a list of policies, each with a \`name\` and a \`type\``);
      return [];
    }
    const names = new Set<string>();
    return value.flatMap((item, i) => {
      const spec = this.policy(item, [...path, i], level);
      if (!spec) return [];
      if (names.has(spec.name)) this.error([...path, i, 'name'], `two policies are named \`${spec.name}\`; policy names must be unique`);
      names.add(spec.name);
      return [spec];
    });
  }

  private policy(value: unknown, path: KeyPath, level: Level): PolicySpec | undefined {
    if (!isRecord(value)) {
      this.error(path, 'a policy is a mapping with `name`, `type` and the settings of its type');
      return undefined;
    }
    const name = value['name'];
    const type = value['type'];
    if (typeof name !== 'string' || name === '') {
      this.error(path, 'every policy needs a `name`');
      return undefined;
    }
    if (typeof type !== 'string') {
      this.error(path, `policy \`${name}\` needs a \`type\`, one of ${supportedPolicyTypes.join(', ')}`);
      return undefined;
    }
    if (!(policyTypes as readonly string[]).includes(type)) {
      this.error([...path, 'type'], `policy \`${name}\`: unknown policy type \`${type}\`${didYouMean(type, policyTypes)}`);
      return undefined;
    }
    if (!(supportedPolicyTypes as readonly string[]).includes(type)) {
      this.error([...path, 'type'], `policy \`${name}\`: the \`${type}\` policy is not supported by the course's tail sampling engine, so it cannot say what this configuration keeps; supported policy types: ${supportedPolicyTypes.join(', ')}`);
      return undefined;
    }
    if ((type === 'and' && level === 'and') || (type === 'composite' && level !== 'top')) {
      this.error([...path, 'type'], `policy \`${name}\`: an \`${type}\` policy cannot be nested inside ${level === 'and' ? 'an `and`' : 'a `composite`'} policy`);
      return undefined;
    }
    const settingsValue = value[type];
    if (settingsValue !== undefined && settingsValue !== null && !isRecord(settingsValue)) {
      this.error([...path, type], `policy \`${name}\`: \`${type}\` must be a mapping of its settings`);
      return undefined;
    }
    const settings = isRecord(settingsValue) ? settingsValue : {};
    const settingsPath = [...path, type];
    for (const key of Object.keys(value)) {
      if (key !== 'name' && key !== 'type' && key !== type) {
        const hint = (policyTypes as readonly string[]).includes(key) ? `; the settings must be under \`${type}:\` to match \`type: ${type}\`` : '';
        this.error([...path, key], `policy \`${name}\`: unexpected key \`${key}\`${hint}`);
      }
    }
    const create = this.evaluatorFactory(name, type, settings, settingsPath, level);
    return create ? { name, type, create } : undefined;
  }

  private evaluatorFactory(name: string, type: string, settings: Record<string, unknown>, path: KeyPath, level: Level): (() => Evaluator) | undefined {
    const where = `policy \`${name}\``;
    switch (type) {
      case 'always_sample':
        return () => ({ evaluate: () => 'Sampled' });
      case 'status_code':
        return this.statusCode(where, settings, path);
      case 'latency':
        return this.latency(where, settings, path);
      case 'probabilistic':
        return this.probabilistic(where, settings, path);
      case 'string_attribute':
        return this.stringAttribute(where, settings, path, level);
      case 'and':
        return this.and(where, settings, path);
      case 'composite':
        return this.composite(where, settings, path);
      default:
        return undefined;
    }
  }

  private unknownKeys(where: string, settings: Record<string, unknown>, path: KeyPath, known: readonly string[]): void {
    for (const key of Object.keys(settings)) {
      if (!known.includes(key)) this.error([...path, key], `${where}: \`${key}\` is not a setting of this policy${didYouMean(key, known)}`);
    }
  }

  private number(where: string, settings: Record<string, unknown>, key: string, path: KeyPath, fallback: number): number | undefined {
    const value = settings[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.error([...path, key], `${where}: \`${key}\` must be a number, found ${JSON.stringify(value)}`);
    return undefined;
  }

  private statusCode(where: string, settings: Record<string, unknown>, path: KeyPath): (() => Evaluator) | undefined {
    this.unknownKeys(where, settings, path, ['status_codes']);
    const codes = settings['status_codes'];
    if (!Array.isArray(codes) || codes.length === 0) {
      this.error(path, `${where}: \`status_codes\` needs at least one status code (OK, ERROR, UNSET)`);
      return undefined;
    }
    const bad = codes.findIndex((code) => code !== 'OK' && code !== 'ERROR' && code !== 'UNSET');
    if (bad !== -1) {
      this.error([...path, 'status_codes', bad], `${where}: unknown status code ${JSON.stringify(codes[bad])}, supported: OK, ERROR, UNSET`);
      return undefined;
    }
    const wanted = new Set<string>(codes as string[]);
    return () => ({ evaluate: (trace) => (trace.spans.some((span) => wanted.has(span.status.code)) ? 'Sampled' : 'NotSampled') });
  }

  private latency(where: string, settings: Record<string, unknown>, path: KeyPath): (() => Evaluator) | undefined {
    this.unknownKeys(where, settings, path, ['threshold_ms', 'upper_threshold_ms']);
    const threshold = this.number(where, settings, 'threshold_ms', path, 0);
    const upper = this.number(where, settings, 'upper_threshold_ms', path, 0);
    if (threshold === undefined || upper === undefined) return undefined;
    if (upper !== 0 && upper < threshold) {
      this.error([...path, 'upper_threshold_ms'], `${where}: \`upper_threshold_ms\` (${upper}) must be at least \`threshold_ms\` (${threshold})`);
      return undefined;
    }
    const lower = Math.trunc(threshold);
    const top = Math.trunc(upper);
    // As the processor does: it widens [earliest start, latest end] span by span and samples as
    // soon as the window so far satisfies the condition.
    return () => ({
      evaluate: (trace) => {
        let min = 0n;
        let max = 0n;
        for (const span of trace.spans) {
          const start = BigInt(span.startTimeUnixNano);
          const end = BigInt(span.endTimeUnixNano ?? '0');
          if (min === 0n || start < min) min = start;
          if (max === 0n || end > max) max = end;
          const ms = Number((max - min) / 1_000_000n);
          const hit = top === 0 ? ms >= lower : lower < ms && ms <= top;
          if (hit) return 'Sampled';
        }
        return 'NotSampled';
      },
    });
  }

  private probabilistic(where: string, settings: Record<string, unknown>, path: KeyPath): (() => Evaluator) | undefined {
    this.unknownKeys(where, settings, path, ['sampling_percentage', 'hash_salt']);
    const percentage = this.number(where, settings, 'sampling_percentage', path, 0);
    const salt = settings['hash_salt'] ?? '';
    if (percentage === undefined) return undefined;
    if (typeof salt !== 'string') {
      this.error([...path, 'hash_salt'], `${where}: \`hash_salt\` must be a string`);
      return undefined;
    }
    if (percentage <= 0 || percentage > 100) this.warning([...path, 'sampling_percentage'], `${where}: \`sampling_percentage\` is a percentage: ${percentage} keeps ${percentage <= 0 ? 'nothing' : 'everything'}`);
    const threshold = samplingThreshold(percentage / 100);
    const hashSalt = salt === '' ? defaultHashSalt : salt;
    return () => ({ evaluate: (trace) => (hashTraceId(hashSalt, trace.traceId) <= threshold ? 'Sampled' : 'NotSampled') });
  }

  private stringAttribute(where: string, settings: Record<string, unknown>, path: KeyPath, level: Level): (() => Evaluator) | undefined {
    this.unknownKeys(where, settings, path, ['key', 'values', 'enabled_regex_matching', 'cache_max_size', 'invert_match']);
    const key = settings['key'];
    const values = settings['values'];
    if (typeof key !== 'string' || key === '') {
      this.error(path, `${where}: \`key\` names the attribute to match`);
      return undefined;
    }
    if (!Array.isArray(values) || values.length === 0) {
      this.error(path, `${where}: \`values\` needs at least one value`);
      return undefined;
    }
    const strings = values.map((v) => String(v));
    const regex = settings['enabled_regex_matching'] === true;
    const invert = settings['invert_match'] === true;
    let matcher: (value: string) => boolean;
    if (regex) {
      const patterns: RegExp[] = [];
      for (const [i, pattern] of strings.entries()) {
        try {
          // Go's regexp.MatchString looks for a match anywhere in the value, as RegExp.test does.
          patterns.push(new RegExp(pattern));
        } catch (e) {
          this.error([...path, 'values', i], `${where}: \`${pattern}\` is not a valid regular expression (${(e as Error).message})`);
          return undefined;
        }
      }
      matcher = (value) => patterns.some((p) => p.test(value));
    } else {
      const set = new Set(strings.filter((v) => v !== ''));
      matcher = (value) => set.has(value);
    }
    // Go's Value.Str() is "" for an attribute that is not a string.
    const str = (value: unknown): string => (typeof value === 'string' ? value : '');
    // Inside `and` and `composite`, the inverted votes only count as sampled / not sampled.
    const [yes, no]: [Decision, Decision] = invert && level === 'top' ? ['InvertSampled', 'InvertNotSampled'] : ['Sampled', 'NotSampled'];
    return () => ({
      evaluate: (trace) => {
        for (const group of byResource(trace.spans)) {
          const resourceHit = key in group.resource && matcher(str(group.resource[key]));
          const spanHit = group.spans.some((span) => key in span.attributes && str(span.attributes[key]) !== '' && matcher(str(span.attributes[key])));
          if (invert && (resourceHit || spanHit)) return no;
          if (!invert && (resourceHit || spanHit)) return yes;
        }
        return invert ? yes : no;
      },
    });
  }

  private and(where: string, settings: Record<string, unknown>, path: KeyPath): (() => Evaluator) | undefined {
    this.unknownKeys(where, settings, path, ['and_sub_policy']);
    const subs = this.list(settings['and_sub_policy'], [...path, 'and_sub_policy'], 'and');
    if (subs.length === 0 || this.hasErrorsUnder(path)) return undefined;
    return () => {
      const evaluators = subs.map((sub) => sub.create());
      return {
        evaluate: (trace, time) => {
          for (const evaluator of evaluators) {
            const decision = evaluator.evaluate(trace, time);
            if (decision === 'NotSampled' || decision === 'InvertNotSampled') return 'NotSampled';
          }
          return 'Sampled';
        },
      };
    };
  }

  private composite(where: string, settings: Record<string, unknown>, path: KeyPath): (() => Evaluator) | undefined {
    this.unknownKeys(where, settings, path, ['max_total_spans_per_second', 'policy_order', 'composite_sub_policy', 'rate_allocation']);
    const maxTotal = this.number(where, settings, 'max_total_spans_per_second', path, 0);
    const subs = this.list(settings['composite_sub_policy'], [...path, 'composite_sub_policy'], 'composite');
    if (maxTotal === undefined || subs.length === 0 || this.hasErrorsUnder(path)) return undefined;
    const names = subs.map((sub) => sub.name);

    const order = settings['policy_order'];
    if (order !== undefined && order !== null) {
      if (!Array.isArray(order)) this.error([...path, 'policy_order'], `${where}: \`policy_order\` is a list of sub-policy names`);
      else order.forEach((entry, i) => {
        if (!names.includes(String(entry))) this.error([...path, 'policy_order', i], `${where}: \`policy_order\` names \`${String(entry)}\`, which is not one of its sub-policies${didYouMean(String(entry), names)}`);
      });
    }

    // As the processor computes it: a sub-policy's share is `percent`% of the total, or an equal
    // share when `percent` is 0; a sub-policy without a rate_allocation entry gets 0 spans/s.
    const allocated = new Map<string, number>();
    const allocations = settings['rate_allocation'] ?? [];
    if (!Array.isArray(allocations)) {
      this.error([...path, 'rate_allocation'], `${where}: \`rate_allocation\` is a list of \`{policy, percent}\``);
      return undefined;
    }
    for (const [i, entry] of allocations.entries()) {
      if (!isRecord(entry) || typeof entry['policy'] !== 'string') {
        this.error([...path, 'rate_allocation', i], `${where}: each \`rate_allocation\` entry is \`{policy: <sub-policy name>, percent: <number>}\``);
        continue;
      }
      const policy = entry['policy'];
      if (!names.includes(policy)) this.error([...path, 'rate_allocation', i], `${where}: \`rate_allocation\` names \`${policy}\`, which is not one of its sub-policies${didYouMean(policy, names)}`);
      const percent = typeof entry['percent'] === 'number' ? entry['percent'] : 0;
      allocated.set(policy, Math.trunc(percent > 0 ? (percent / 100) * maxTotal : maxTotal / subs.length));
    }
    subs.forEach((sub, i) => {
      if (!allocated.has(sub.name)) {
        this.warning([...path, 'composite_sub_policy', i], `${where}: sub-policy \`${sub.name}\` has no \`rate_allocation\` entry, so it is allowed 0 spans per second and never samples`);
      }
    });
    if (this.hasErrorsUnder(path)) return undefined;
    const budgets = subs.map((sub) => allocated.get(sub.name) ?? 0);
    return () => {
      const evaluators = subs.map((sub) => sub.create());
      const used = subs.map(() => 0);
      let currentSecond = Number.NaN;
      return {
        evaluate: (trace, time) => {
          if (time.second !== currentSecond) {
            currentSecond = time.second;
            used.fill(0);
          }
          for (const [i, evaluator] of evaluators.entries()) {
            const decision = evaluator.evaluate(trace, time);
            if (decision !== 'Sampled' && decision !== 'InvertSampled') continue;
            // The first sub-policy that samples decides: within its budget the trace is kept,
            // over it the trace is dropped (later sub-policies are not asked).
            const ifSampled = used[i]! + trace.spans.length;
            if (ifSampled <= budgets[i]! && ifSampled <= maxTotal) {
              used[i] = ifSampled;
              return 'Sampled';
            }
            return 'NotSampled';
          }
          return 'NotSampled';
        },
      };
    };
  }

  private hasErrorsUnder(path: KeyPath): boolean {
    return this.problems.some((p) => p.severity === 'error' && path.every((step, i) => p.path[i] === step));
  }
}
