/**
 * Finds where JSON text breaks and why, in words of its own: `JSON.parse` messages differ between
 * V8, SpiderMonkey and JavaScriptCore (and some give no place at all), and a learner who uploads a
 * broken file needs the line and column.
 */

export interface JsonSyntaxProblem {
  offset: number;
  reason: string;
}

class JsonSyntaxFailure {
  readonly problem: JsonSyntaxProblem;
  constructor(problem: JsonSyntaxProblem) {
    this.problem = problem;
  }
}

/**
 * Finds the first syntax error in `text`, or undefined if it is valid JSON. Iterative with an
 * explicit stack, so deeply nested input cannot overflow; only runs after `JSON.parse` failed.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  try {
    scanJson(text);
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxFailure) return error.problem;
    throw error;
  }
}

function scanJson(text: string): void {
  const problem = (offset: number, reason: string): never => {
    throw new JsonSyntaxFailure({ offset, reason });
  };
  const n = text.length;
  if (text.trim() === '') problem(0, 'the input is empty');

  const closers: number[] = []; // char codes of the brackets still open: } or ]
  let expect: 'value' | 'key' | 'after' = 'value';
  let afterComma = false;
  let i = 0;

  while (true) {
    while (i < n && isJsonWhitespace(text.charCodeAt(i))) i++;
    const c = i < n ? text.charCodeAt(i) : -1;

    if (expect === 'value') {
      if (c === -1) problem(i, 'unexpected end of input; expected a value');
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        const closer = c === 0x7b ? 0x7d : 0x5d;
        i++;
        while (i < n && isJsonWhitespace(text.charCodeAt(i))) i++;
        if (text.charCodeAt(i) === closer) {
          i++;
          expect = 'after';
        } else {
          closers.push(closer);
          expect = c === 0x7b ? 'key' : 'value';
        }
        afterComma = false;
        continue;
      }
      if (c === 0x22 /* " */) i = scanString(text, i, problem);
      else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) i = scanNumber(text, i, problem);
      else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else if (afterComma && (c === 0x5d || c === 0x7d)) problem(i, `unexpected '${text[i]}' after ',' (JSON does not allow trailing commas)`);
      else if (c === 0x27 /* ' */) problem(i, 'strings need double quotes in JSON');
      else problem(i, `unexpected ${showToken(text, i)}; expected a value`);
      expect = 'after';
      afterComma = false;
      continue;
    }

    if (expect === 'key') {
      if (c === -1) problem(i, 'unexpected end of input; expected a property name');
      if (c !== 0x22) {
        if (c === 0x7d && afterComma) problem(i, "unexpected '}' after ',' (JSON does not allow trailing commas)");
        if (c === 0x27) problem(i, 'property names need double quotes in JSON');
        problem(i, `expected a property name in double quotes, got ${showToken(text, i)}`);
      }
      i = scanString(text, i, problem);
      while (i < n && isJsonWhitespace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 0x3a /* : */) {
        problem(i, `expected ':' after the property name, got ${i < n ? showToken(text, i) : 'end of input'}`);
      }
      i++;
      expect = 'value';
      afterComma = false;
      continue;
    }

    // expect === 'after': a value just ended
    const closer = closers[closers.length - 1];
    if (closer === undefined) {
      if (c !== -1) problem(i, `unexpected ${showToken(text, i)} after the end of the JSON value`);
      return;
    }
    const inObject = closer === 0x7d;
    if (c === 0x2c /* , */) {
      i++;
      expect = inObject ? 'key' : 'value';
      afterComma = true;
    } else if (c === closer) {
      i++;
      closers.pop();
    } else if (c === -1) {
      problem(i, `unexpected end of input; expected ',' or '${inObject ? '}' : ']'}'`);
    } else {
      problem(i, `expected ',' or '${inObject ? '}' : ']'}' after ${inObject ? 'a property value' : 'an array element'}, got ${showToken(text, i)}`);
    }
  }
}

const FOUR_HEX = /^[0-9a-fA-F]{4}$/;
const WORD_CHAR = /[A-Za-z0-9_$]/;

function scanString(text: string, start: number, problem: (offset: number, reason: string) => never): number {
  let i = start + 1;
  while (true) {
    if (i >= text.length) problem(start, 'unterminated string');
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c /* \ */) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!FOUR_HEX.test(text.slice(i + 2, i + 6))) problem(i, 'invalid \\u escape; expected 4 hex digits');
        i += 6;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
        i += 2;
      } else {
        problem(i, `invalid escape ${JSON.stringify(`\\${e ?? ''}`)} in a string`);
      }
      continue;
    }
    if (c < 0x20) problem(i, c === 0x0a ? 'line break inside a string (missing closing quote?)' : 'unescaped control character inside a string');
    i++;
  }
}

function scanNumber(text: string, start: number, problem: (offset: number, reason: string) => never): number {
  const isDigit = (at: number): boolean => {
    const c = text.charCodeAt(at);
    return c >= 0x30 && c <= 0x39;
  };
  let i = start;
  if (text[i] === '-') i++;
  if (!isDigit(i)) problem(i, "expected a digit after '-'");
  if (text[i] === '0') {
    i++;
    if (isDigit(i)) problem(start, 'numbers cannot have leading zeros in JSON');
  } else {
    while (isDigit(i)) i++;
  }
  if (text[i] === '.') {
    i++;
    if (!isDigit(i)) problem(i, "expected a digit after '.'");
    while (isDigit(i)) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (!isDigit(i)) problem(i, 'expected a digit in the exponent');
    while (isDigit(i)) i++;
  }
  return i;
}

function isJsonWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The word or character at `i`, for messages: `undefined`, `'}'`. */
function showToken(text: string, i: number): string {
  let end = i;
  while (end < text.length && end - i < 20 && WORD_CHAR.test(text[end] ?? '')) end++;
  if (end > i) return text.slice(i, end);
  const char = text[i] ?? '';
  return text.charCodeAt(i) < 0x20 ? JSON.stringify(char) : `'${char}'`;
}

/** 1-based line and column (in UTF-16 code units) of `offset`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
