/**
 * What the command-line tools share: strict argument parsing (`node:util` parseArgs) whose
 * mistakes name the valid choices, and one way to report them (the message, the usage, exit 2).
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** A mistake on the command line: reported with the command's usage, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `value` when it is one of `allowed`; otherwise a UsageError that lists them. */
export function oneOf<T extends string>(what: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`unknown ${what} '${value}'; use one of: ${allowed.length ? allowed.join(', ') : '(none)'}`);
}

export interface PositionalSpec {
  /** How each positional is called in messages, in order, e.g. `['exercise id', 'file']`. */
  names: readonly string[];
  /** How many are required (default 0). */
  required?: number;
  /** More may follow the named ones (e.g. a list of files). */
  rest?: boolean;
}

const flag = (name: string, options: ParseArgsOptionsConfig) => {
  const short = options[name]?.short;
  return short ? `--${name} (-${short})` : `--${name}`;
};

/**
 * parseArgs in strict mode, with messages that list what is accepted: an unknown option names
 * the known ones, a missing or extra positional says which. Throws UsageError.
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(args: readonly string[], options: O, positionals: PositionalSpec = { names: [] }) {
  const known = Object.keys(options);
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'option' && !known.includes(token.name)) {
      const valid = known.length ? `use one of: ${known.map((name) => flag(name, options)).join(', ')}` : 'this command takes none';
      throw new UsageError(`unknown option '${token.rawName}'; ${valid}`);
    }
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    // Node's own message: a string option without its value, a value given to a boolean.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const count = parsed.positionals.length;
  const { names, required = 0, rest = false } = positionals;
  if (count < required) throw new UsageError(`missing the ${names[count] ?? 'argument'}`);
  if (!rest && count > names.length) {
    const extra = parsed.positionals.slice(names.length).map((p) => `'${p}'`).join(' ');
    throw new UsageError(names.length ? `unexpected argument ${extra} after the ${names.at(-1)}` : `unexpected argument ${extra}: this command takes none`);
  }
  return parsed;
}

/** A port number from the environment, or `fallback` when the variable is not set. */
export function portFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`${name}='${raw}' is not a port; use a whole number from 1 to 65535`);
  return port;
}

/**
 * Parses the command line with `parse`, then runs `main` with what it returned. A UsageError
 * from either prints its message and `usage` and exits 2; anything else is a crash, as before.
 */
export async function runCommand<A>(usage: string, parse: () => A, main: (args: A) => Promise<void> | void): Promise<void> {
  try {
    await main(parse());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${usage}`);
    process.exit(2);
  }
}
