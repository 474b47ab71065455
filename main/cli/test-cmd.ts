/**
 * `permsim test FILE...`: runs every saved request with an `expect:` in each model file (or
 * project) through the handler map and compares. Each failure is printed as expected vs actual with
 * its explanation; the last line is exactly `N passed, N failed`. Exit 1 on any failure or invalid
 * file. A progress bar is drawn on stderr when it is a terminal.
 *
 * @example
 * permsim test assets/demos/*.yaml
 */
import { SingleBar } from 'cli-progress';
import type { SavedRequest } from '../../shared/model/types';
import { createHandlers, openModelSession } from '../api';
import {
  checkExpectation,
  credentialsLabel,
  savedToRequest,
} from '../../shared/model/saved-request';
import { formatSteps, statusLine } from './format';
import type { CliIo } from './io';
import { EXIT } from './io';

type Loaded = { file: string; api: ReturnType<typeof createHandlers>; requests: SavedRequest[] };

export async function runTest(files: string[], io: CliIo): Promise<number> {
  let passed = 0;
  let failed = 0;
  let invalidFiles = 0;
  const loaded: Loaded[] = [];
  for (const file of files) {
    const s = openModelSession(file);
    if (!s.ok) {
      invalidFiles++;
      io.out(`INVALID ${file}\n${indent(s.error.message, '  ')}\n`);
      continue;
    }
    const requests = s.value
      .model()
      .requests.filter(
        r => r.expect && (r.expect.status !== undefined || r.expect.body !== undefined),
      );
    loaded.push({ file, api: createHandlers({ session: s.value }), requests });
  }
  const total = loaded.reduce((n, l) => n + l.requests.length, 0);
  const bar =
    io.errIsTTY && io.errStream && total > 0
      ? new SingleBar({
          stream: io.errStream,
          format: 'permsim test [{bar}] {value}/{total} requests  {file}',
          hideCursor: true,
          clearOnComplete: true,
        })
      : undefined;
  bar?.start(total, 0, { file: '' });
  try {
    for (const { file, api, requests } of loaded) {
      for (const saved of requests) {
        bar?.increment(1, { file });
        const where = `${file}${saved.line ? `:${saved.line}` : ''}`;
        const title = `${where} ${credentialsLabel(saved)} ${saved.call}${saved.note ? `  (${saved.note})` : ''}`;
        const req = savedToRequest(saved);
        if (!req.ok) {
          failed++;
          io.out(`FAIL ${title}\n  ${req.error.message}\n\n`);
          continue;
        }
        const r = await api.call('engine:ask', { request: req.value });
        if (!r.ok) {
          failed++;
          io.out(`FAIL ${title}\n  the request is not valid: ${r.error.message}\n\n`);
          continue;
        }
        const verdict = checkExpectation(saved.expect!, r.value);
        if (verdict.pass) {
          passed++;
          continue;
        }
        failed++;
        io.out(
          [
            `FAIL ${title}`,
            `  expected: ${verdict.expected}`,
            `  actual:   ${statusLine(r.value.status)}, body ${JSON.stringify(r.value.body)}`,
            '  explanation:',
            formatSteps(r.value.explanation, '    '),
            '',
            '',
          ].join('\n'),
        );
      }
      await api.close();
    }
  } finally {
    bar?.stop();
  }
  if (invalidFiles > 0)
    io.out(`${invalidFiles} file${invalidFiles === 1 ? '' : 's'} could not be loaded\n`);
  io.out(`${passed} passed, ${failed} failed\n`);
  return failed === 0 && invalidFiles === 0 ? EXIT.ok : EXIT.failed;
}

const indent = (text: string, pad: string): string =>
  text
    .split('\n')
    .map(l => pad + l)
    .join('\n');
