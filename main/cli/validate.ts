/**
 * `permsim validate FILE...`: loads each model file and prints every problem as
 * `file:line:column: message` (warnings as `file:line:column: warning: message`). Exit 0 only when
 * every file is valid.
 *
 * @example
 * permsim validate plant.yaml lines.yaml
 */
import { readFileSync } from 'node:fs';
import { loadModel } from '../../shared/apps/load';
import { formatIssue } from '../api';
import type { CliIo } from './io';
import { EXIT } from './io';

export function runValidate(files: string[], io: CliIo): number {
  let invalid = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.err(
        `permsim validate: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`,
      );
      invalid++;
      continue;
    }
    const r = loadModel(text, file);
    if (!r.ok) {
      invalid++;
      for (const issue of r.errors) io.out(`${formatIssue(issue)}\n`);
      continue;
    }
    for (const w of r.warnings) io.out(`${w.file}:${w.line}:${w.column}: warning: ${w.message}\n`);
    io.out(`${file}: valid\n`);
  }
  if (files.length > 1) io.out(`${files.length - invalid} valid, ${invalid} invalid\n`);
  return invalid === 0 ? EXIT.ok : EXIT.failed;
}
