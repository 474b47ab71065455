/**
 * `permsim validate FILE...`: loads each model file and prints every problem as
 * `file:line:column: message` (warnings as `file:line:column: warning: message`). Exit 0 only when
 * every file is valid. Like every command, through the handler map (`model:validate`), which
 * needs no open project.
 *
 * @example
 * permsim validate plant.yaml lines.yaml
 */
import { readFileSync } from 'node:fs';
import { createHandlers, formatIssue } from '../api';
import type { CliIo } from './io';
import { EXIT } from './io';

export async function runValidate(files: string[], io: CliIo): Promise<number> {
  const api = createHandlers();
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
    const r = await api.call('model:validate', { text, fileName: file });
    if (!r.ok) {
      io.err(`permsim validate: ${file}: ${r.error.message}\n`);
      invalid++;
      continue;
    }
    if (!r.value.valid) {
      invalid++;
      for (const issue of r.value.errors) io.out(`${formatIssue(issue)}\n`);
      continue;
    }
    for (const w of r.value.warnings)
      io.out(`${w.file}:${w.line}:${w.column}: warning: ${w.message}\n`);
    io.out(`${file}: valid\n`);
  }
  await api.close();
  if (files.length > 1) io.out(`${files.length - invalid} valid, ${invalid} invalid\n`);
  return invalid === 0 ? EXIT.ok : EXIT.failed;
}
