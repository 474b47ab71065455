/**
 * Where the CLI writes, injectable for tests; `processIo()` is the real terminal.
 *
 * @example
 * const io = processIo(); io.out('200 OK\n');
 */
export type CliIo = {
  out(text: string): void;
  err(text: string): void;
  /** stderr is an interactive terminal: progress bars are shown only then. */
  errIsTTY: boolean;
  errStream?: NodeJS.WriteStream;
};

export const processIo = (): CliIo => ({
  out: t => process.stdout.write(t),
  err: t => process.stderr.write(t),
  errIsTTY: Boolean(process.stderr.isTTY),
  errStream: process.stderr,
});

/** Exit codes: 0 done; 1 expectations failed or models invalid; 2 bad input or usage. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/** One problem of an invalid input, as `--json` reports it. */
export type CliProblem = {
  file?: string;
  line?: number;
  column?: number;
  path?: string;
  message: string;
};

/**
 * Reports a refusal: with `--json` one JSON object `{ "error": { code, message, problems } }` on
 * stdout (a script always gets something structured), else one message on stderr. An invalid model
 * or scenario file exits 1 (like `validate`), anything else the caller got wrong exits 2.
 *
 * @example
 * return refuse(io, 'check', opts.json, 'bad-input', '--at is not a date-time');
 */
export function refuse(
  io: CliIo,
  command: string,
  json: boolean | undefined,
  code: string,
  message: string,
  problems: CliProblem[] = [],
): number {
  // In JSON the problems are listed structured; the message is their one-line summary.
  const summary = problems.length > 0 ? (message.split('\n')[0] ?? message) : message;
  if (json) io.out(`${JSON.stringify({ error: { code, message: summary, problems } })}\n`);
  else io.err(`permsim ${command}: ${message}\n`);
  return code === 'model-invalid' || code === 'scenario-invalid' ? EXIT.failed : EXIT.badInput;
}

/** The structured problems of a failed contract result (`details.issues` of 'model-invalid'). */
export const problemsOf = (details: unknown): CliProblem[] => {
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.map(i => (typeof i === 'string' ? { message: i } : (i as CliProblem)));
};
