/**
 * Grades the answers of a trace-reading exercise: one check per question, with the same
 * Exercism-shaped results as a program's run. A wrong answer fails with a message that says why
 * it is not the answer (feedback.ts), never with the answer itself.
 */
import type { CheckResult, CheckResults } from '../checks/results.ts';
import { parseAnswers, type Answer } from './answers.ts';
import type { Question, TraceReading } from './define.ts';
import { judgeNumber, judgeSpan, judgeSpanSet } from './judge.ts';
import { traceFacts, type TraceFacts } from './trace-facts.ts';

const facts = new WeakMap<TraceReading, TraceFacts>();

function factsOf(reading: TraceReading): TraceFacts {
  let known = facts.get(reading);
  if (!known) facts.set(reading, (known = traceFacts(reading.trace)));
  return known;
}

const NOT_ANSWERED: Record<Question['answer'], string> = {
  span: 'Not answered yet: select a span in the trace, then press "Use selected span".',
  number: 'Not answered yet: type a number of milliseconds.',
  spans: 'Not answered yet: select each span in the trace and press "Add selected span".',
};

/** `undefined` when the answer is right, else why it is not. */
function judge(reading: TraceReading, question: Question, answer: Answer): string | undefined {
  const f = factsOf(reading);
  if (question.answer === 'span') return typeof answer === 'string' ? judgeSpan(f, reading.trace, question, answer) : 'The answer must be one span.';
  if (question.answer === 'number') return typeof answer === 'number' ? judgeNumber(f, reading.trace, question, answer) : 'The answer must be a number.';
  return Array.isArray(answer) ? judgeSpanSet(f, reading.trace, question, answer) : 'The answer must be a list of spans.';
}

export function gradeTraceReading(reading: TraceReading, text: string, fileName = 'answers.yaml'): CheckResults {
  const parsed = parseAnswers(text, reading.questions, fileName);
  if (!parsed.ok) {
    return { version: 2, status: 'error', message: parsed.message, tests: reading.questions.map((q) => ({ name: q.check, status: 'error', message: 'Not checked: the answers could not be read.' })) };
  }
  const tests = reading.questions.map((question): CheckResult => {
    const problem = parsed.problems[question.id];
    const answer = parsed.answers[question.id];
    if (problem) return { name: question.check, status: 'fail', message: problem };
    if (answer === undefined) return { name: question.check, status: 'fail', message: NOT_ANSWERED[question.answer] };
    try {
      const wrong = judge(reading, question, answer);
      return wrong === undefined ? { name: question.check, status: 'pass' } : { name: question.check, status: 'fail', message: wrong };
    } catch (error) {
      return { name: question.check, status: 'error', message: `The question could not be checked: ${error instanceof Error ? error.message : String(error)}` };
    }
  });
  if (parsed.unknown.length > 0) {
    const ids = reading.questions.map((q) => q.id).join(', ');
    return { version: 2, status: 'error', message: `${fileName}: ${parsed.unknown.map((k) => `\`${k}\``).join(', ')} ${parsed.unknown.length === 1 ? 'is not a question' : 'are not questions'} of this exercise (its questions: ${ids}).`, tests };
  }
  const errored = tests.some((t) => t.status === 'error');
  if (errored) return { version: 2, status: 'error', message: 'A question could not be checked; this is a problem with the exercise, not with your answers.', tests };
  return { version: 2, status: tests.some((t) => t.status === 'fail') ? 'fail' : 'pass', tests };
}
