import { Writable } from 'node:stream';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTest } from '../../../main/cli/test-cmd';
import type { CliIo } from '../../../main/cli/io';

const PLANT = resolve(__dirname, '..', 'api', 'fixtures', 'plant.yaml');

function capture(tty: boolean): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      err += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, {
    isTTY: tty,
    columns: 100,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  return {
    io: { out: t => void (out += t), err: t => void (err += t), errIsTTY: tty, errStream: stream },
    out: () => out,
    err: () => err,
  };
}

describe('permsim test progress', () => {
  it('draws a progress bar on stderr only when stderr is a terminal; stdout is the same either way', async () => {
    const tty = capture(true);
    expect(await runTest([PLANT, PLANT], tty.io)).toBe(0);
    expect(tty.err()).toMatch(/permsim test \[.*\] \d+\/6 requests and tests/);
    const pipe = capture(false);
    expect(await runTest([PLANT, PLANT], pipe.io)).toBe(0);
    expect(pipe.err()).toBe('');
    expect(tty.out()).toBe(pipe.out());
    expect(pipe.out()).toBe('6 passed, 0 failed\n');
  });
});
