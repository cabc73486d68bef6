/**
 * The learner's answers, as the page hands them in and as `solution.yaml` stores them: a YAML
 * mapping from question id to a span (its id, or a unique name), a number (of milliseconds,
 * `90` or `90 ms`), or a list of spans.
 * `{}` (or an empty file) is no answer at all: the starter.
 */
import { parse, stringify } from 'yaml';
import type { Question } from './define.ts';

export type Answer = string | number | string[];
export type Answers = Record<string, Answer>;

/** `problems`: by question id, an answer of the wrong shape; `unknown`: keys that are no question's id. */
export type ParsedAnswers = { ok: true; answers: Answers; problems: Record<string, string>; unknown: string[] } | { ok: false; message: string };

type Read = { answer: Answer } | { problem: string } | { empty: true };

function readAnswer(question: Question, value: unknown): Read {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return { empty: true };
  if (question.answer === 'number') {
    // `90 ms`: the unit the viewer shows durations in may come along with the number.
    const text = typeof value === 'string' ? value.trim().replace(/\s*ms$/i, '') : undefined;
    const n = text === undefined ? value : text === '' ? NaN : Number(text);
    return typeof n === 'number' && Number.isFinite(n) ? { answer: n } : { problem: `must be a number (of milliseconds), not ${JSON.stringify(value)}` };
  }
  if (question.answer === 'span') return typeof value === 'string' ? { answer: value } : { problem: 'must be one span: its span id or its name' };
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? { answer: value as string[] } : { problem: 'must be a list of spans (span ids or names)' };
}

/** Reads answers; a YAML syntax error is an error, an answer of the wrong shape a problem of its question. */
export function parseAnswers(text: string, questions: readonly Question[], fileName = 'answers.yaml'): ParsedAnswers {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    return { ok: false, message: `${fileName}${line ? `:${line}` : ''}: YAML syntax: ${(error as Error).message.split('\n')[0]}` };
  }
  if (typeof raw !== 'object' || Array.isArray(raw) || raw === null) return { ok: false, message: `${fileName}: the answers are a mapping, \`question-id: answer\`.` };
  const answers: Answers = {};
  const problems: Record<string, string> = {};
  const unknown: string[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(raw)) {
    const question = byId.get(id);
    if (question === undefined) {
      unknown.push(id);
      continue;
    }
    const read = readAnswer(question, value);
    if ('problem' in read) problems[id] = `The answer ${read.problem}.`;
    else if ('answer' in read) answers[id] = read.answer;
  }
  return { ok: true, answers, problems, unknown };
}

/** Answers as answers.yaml text, in the order of the questions; unanswered questions are left out. */
export function formatAnswers(answers: Answers, questions: readonly Question[]): string {
  const ordered: Answers = {};
  for (const q of questions) if (answers[q.id] !== undefined) ordered[q.id] = answers[q.id]!;
  return Object.keys(ordered).length === 0 ? '{}\n' : stringify(ordered);
}
