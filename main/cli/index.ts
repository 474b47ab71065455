/**
 * The `permsim` command (commander): check, test, validate, whatif, export-changes, report, import, lesson, serve, mock. Every command goes through the
 * handler map (main/api), like Electron IPC and the loopback server. Bad input gives one clear
 * message on stderr and a non-zero exit, never a stack trace.
 *
 * Each command's code is imported when it runs, so `permsim --help` loads only commander and this
 * file: the bundle (out/main/cli.mjs, scripts/build.mjs) splits every command into its own chunks,
 * and zod, the engine and the store are in chunks only commands import.
 *
 * @example
 * const code = await main(['check', 'demo.yaml', '--as', 'alice', 'GET /Thingworx/Things/T1/Properties/p']);
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import type { ExportChangesCliOptions } from './export-changes';
import type { ImportCliOptions } from './import';
import type { LessonCheckOptions, LessonSolveOptions } from './lesson';
import type { CheckOptions } from './check';
import type { CliIo } from './io';
import { EXIT, processIo, refuse } from './io';
import type { ReportCliOptions } from './report';
import type { MockOptions } from './mock';
import type { ServeOptions } from './serve';
import type { TestOptions } from './test-cmd';
import type { WhatIfOptions } from './whatif';

/**
 * Imports a command's module. One process, one command: zod's generated fast path (compiled with
 * `new Function` per schema on its first parse) costs more than it saves in a run this short, so
 * it is turned off first; zod itself is loaded here, not by `--help`.
 */
async function command<M>(load: () => Promise<M>): Promise<M> {
  (await import('zod')).z.config({ jitless: true });
  return load();
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * The repository (or installed package) root: bin/permsim.mjs passes it to the bundle
 * (out/main/cli.mjs); from the sources (vitest) it is two folders up from this file.
 */
const sourceRoot = (): string => resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function main(
  argv: string[],
  io: CliIo = processIo(),
  root: string = sourceRoot(),
): Promise<number> {
  let code: number = EXIT.ok;
  // With --json, a usage error is one JSON object on stdout too (refuse() in io.ts).
  const json = argv.includes('--json');
  let usage = '';
  const program = new Command('permsim')
    .description(
      'PermSim: simulate the ThingWorx permission model offline (what does this REST call return for this user, and why).',
    )
    .exitOverride()
    .configureOutput({
      writeOut: s => io.out(s),
      writeErr: s => (json ? void (usage += s) : io.err(s)),
    })
    .showHelpAfterError('(run "permsim --help" or "permsim <command> --help" for usage)');

  program
    .command('check')
    .description('Evaluate one REST call against a model and explain the answer')
    .argument('<model>', 'model file (.yaml, .yml, .json) or project (.permsim)')
    .argument('<call...>', 'the call, e.g. "GET /Thingworx/Things/T1/Properties/p"')
    .option('--as <user>', 'call as this user (Basic auth)')
    .option('--password <password>', 'the password sent with --as (default: the right one)')
    .option('--app-key <name>', 'call with this application key (appKey header)')
    .option('--app-key-in-query', 'send the application key as ?appKey= in the URL instead')
    .option('--no-auth', 'call without credentials')
    .option('--ip <address>', 'client IP address (default 127.0.0.1)')
    .option(
      '--at <iso-time>',
      "request time, ISO-8601 with zone (e.g. 2026-01-01T00:00:00Z); default the model's now:, else the current time",
    )
    .option('--body <json>', 'JSON body: service parameters or property value')
    .option('--json', 'print one JSON object (status, body, explanation, ...)')
    .action(async (model: string, call: string[], opts: CheckOptions) => {
      code = await (await command(() => import('./check'))).runCheck(model, call, opts, io);
    });

  program
    .command('test')
    .description(
      'Run permission tests: the saved requests with expect: of model files, and *.permsim-test.yaml files',
    )
    .argument('<files...>', 'model files, projects or *.permsim-test.yaml test files')
    .option('--reporter <format>', 'text | json | junit | tap (default text)')
    .option('--watch', 'run again whenever a test or model file changes')
    .option(
      '--update',
      "rewrite the test files' expectations from today's answers, and print the diff",
    )
    .action(async (files: string[], opts: TestOptions) => {
      code = await (await command(() => import('./test-cmd'))).runTest(files, io, opts);
    });

  program
    .command('validate')
    .description('Check model files and print every problem as file:line:column: message')
    .argument('<files...>', 'model files (.yaml, .yml, .json)')
    .action(async (files: string[]) => {
      code = await (await command(() => import('./validate'))).runValidate(files, io);
    });

  program
    .command('whatif')
    .description(
      'Apply a scenario (ordered changes) to a model and print the diff of REST answers and the blast radius',
    )
    .argument('<model>', 'baseline model file (.yaml, .yml, .json) or project (.permsim)')
    .argument('<scenario>', 'scenario file (.yaml or .json): scenario, baseline, changes, watch')
    .option('--json', 'print the diff as one JSON object')
    .option('--step <n>', 'apply only the first n changes')
    .option(
      '--affected',
      'compare every user and key on every call of the affected entities, even when the scenario has a watch list',
    )
    .option(
      '--summary',
      'counts, blast radius and the first changed cells without explanations: fast on large models (permsim check explains a cell)',
    )
    .action(async (model: string, scenario: string, opts: WhatIfOptions) => {
      code = await (await command(() => import('./whatif'))).runWhatIf(model, scenario, opts, io);
    });

  program
    .command('export-changes')
    .description(
      'Export a scenario for a live ThingWorx server: a shell script of REST calls, entity XML or a Postman collection',
    )
    .argument('<model>', 'baseline model file (.yaml, .yml, .json) or project (.permsim)')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--format <format>', 'script | xml | postman')
    .option('-o, --output <file>', 'where to write the export (default: standard output)')
    .option('--inverse', 'the export that undoes the scenario')
    .action(async (model: string, scenario: string, opts: ExportChangesCliOptions) => {
      code = await (
        await command(() => import('./export-changes'))
      ).runExportChanges(model, scenario, opts, io);
    });

  program
    .command('report')
    .description('Write a report to share: self-contained HTML, PDF, CSV or JSON')
    .argument('<model>', 'model file (.yaml, .yml, .json) or project (.permsim)')
    .option('--format <format>', 'html | pdf | csv | json')
    .option('-o, --output <file>', 'where to write the report')
    .option('--scenario <file>', 'a what-if scenario file to include (its diff and blast radius)')
    .option(
      '--sections <list>',
      'comma-separated: finding,summary,requests,scenario,effective,equipment,graph,semantics,appendix (default: the template, else all)',
    )
    .option('--template <name>', 'finding | audit | training: a starting choice of sections')
    .option(
      '--question <question>',
      'a question for the finding: "USER METHOD PATH" or "appKey:NAME[@ADDRESS] METHOD PATH" (repeatable; default: the scenario\'s watch list)',
      collect,
      [],
    )
    .option(
      '--user <name>',
      'a user for the effective tables, equipment and graph (repeatable)',
      collect,
      [],
    )
    .option(
      '--entity <name>',
      'a Thing (or Collection/Name) for the effective tables (repeatable)',
      collect,
      [],
    )
    .option('--context <name>', 'an equipment context (repeatable; default: all)', collect, [])
    .option('--title <text>', 'report title')
    .action(async (model: string, opts: ReportCliOptions) => {
      code = await (await command(() => import('./report'))).runReport(model, opts, io);
    });

  program
    .command('import')
    .description(
      'Import ThingWorx entity XML, permissions files and entity JSON (files or folders) into a model, with an import report',
    )
    .argument('<inputs...>', 'files or folders (folders are read recursively: .xml, .json, .twx)')
    .option('-o, --output <model>', 'write the model file (.yaml, .yml or .json)')
    .option('--into <project>', 'merge into this project (.permsim) as one undoable edit')
    .option(
      '--on-conflict <policy>',
      'fail | first | last: when files define an entity differently',
      'fail',
    )
    .option('--json', 'print the import report as JSON')
    .action(async (inputs: string[], opts: ImportCliOptions) => {
      code = await (await command(() => import('./import'))).runImport(inputs, opts, io);
    });

  const lesson = program
    .command('lesson')
    .description(
      'Lessons with a checker: check a submitted model, write the reference solution, list a course',
    );
  lesson
    .command('check')
    .description(
      'Check a submitted model against every task of a lesson (exit 0 when every task is met)',
    )
    .argument('<lesson>', 'lesson file (*.permsim-lesson.yaml)')
    .argument('<model>', "the learner's model file (.yaml, .yml, .json) or project (.permsim)")
    .option('--json', 'print the result as one JSON object')
    .action(async (lessonFile: string, model: string, opts: LessonCheckOptions) => {
      code = (await command(() => import('./lesson'))).runLessonCheck(lessonFile, model, opts, io);
    });
  for (const [which, what] of [
    ['start', "Write the lesson's starting model (for a learner to change)"],
    ['solve', "Write the model the lesson's reference solutions give"],
  ] as const)
    lesson
      .command(which)
      .description(what)
      .argument('<lesson>', 'lesson file (*.permsim-lesson.yaml)')
      .option(
        '-o, --output <file>',
        'where to write the model (.yaml or .json; default: standard output)',
      )
      .action(async (lessonFile: string, opts: LessonSolveOptions) => {
        code = (await command(() => import('./lesson'))).runLessonModel(
          which,
          lessonFile,
          opts,
          io,
        );
      });
  lesson
    .command('list')
    .description('List the lessons of a folder (default: the bundled course)')
    .argument('[dir]', 'folder of *.permsim-lesson.yaml files')
    .action(async (dir: string | undefined) => {
      code = (await command(() => import('./lesson'))).runLessonList(dir, io);
    });

  program
    .command('serve')
    .description(
      'Start browser mode: a server on 127.0.0.1 with the app (prints the URL with its secret)',
    )
    .argument('[project]', 'project file to open (default: the most recent, or the demo)')
    .option('--port <port>', 'port (default: any free port)')
    .option('--data-dir <dir>', 'app data directory (default: $PERMSIM_DATA_DIR or ~/.permsim)')
    .option('--renderer-dir <dir>', 'built renderer (default: out/renderer)')
    .action(async (project: string | undefined, opts: ServeOptions) => {
      code = await (await command(() => import('./serve'))).runServe(project, opts, root, io);
    });

  program
    .command('mock')
    .description(
      'Start a stand-in ThingWorx on this machine: real clients get the answers the model gives (docs/stand-in-server.md)',
    )
    .argument('<model>', 'model file (.yaml, .yml, .json) or project (.permsim)')
    .option(
      '--scenario <file>',
      'answer with the scenario applied, compare each answer with the baseline, and print a summary on exit',
    )
    .option('--port <port>', 'port (default 8080; 0 = any free port)')
    .option(
      '--host <address>',
      'interface to listen on (default 127.0.0.1; others print a warning)',
    )
    .option('--log <file>', 'append every request with its explanation as JSON lines')
    .option(
      '--record <file>',
      'on exit, write the calls received as permission tests (*.permsim-test.yaml) expecting the answers given',
    )
    .option('--no-requests', 'do not print a line per request')
    .action(async (model: string, opts: MockOptions) => {
      code = await (await command(() => import('./mock'))).runMock(model, opts, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successes; commander has already printed its own message otherwise.
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.help' ||
        e.code === 'commander.version'
      )
        return EXIT.ok;
      if (!json) return EXIT.badInput;
      const message = (usage.split('\n')[0] ?? '').replace(/^error: /, '') || e.message;
      return refuse(io, argv[0] ?? 'permsim', true, 'usage', message);
    }
    return refuse(
      io,
      argv[0] ?? 'permsim',
      json,
      'internal',
      e instanceof Error ? e.message : String(e),
    );
  }
}
