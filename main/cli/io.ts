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
