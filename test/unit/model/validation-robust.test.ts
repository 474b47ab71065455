/**
 * Validation is complete, linear and speaks the user's words: every independent problem of a
 * file in one pass, each at its place; deep nesting refused early with the level and the place;
 * never `[object Object]`, `undefined`, the engine's own error text or a Node warning. (The time of
 * a 40,000-error file is measured in bench/validate-errors.ts, not asserted here.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadModel } from '../../../shared/apps/load';
import { MAX_NESTING } from '../../../shared/model/parse';
import { parseScenarioText } from '../../../shared/whatif/scenario-file';

const errorsOf = (text: string, file = 'm.yaml') => {
  const r = loadModel(text, file);
  return r.ok ? [] : r.errors;
};
const userWords = (messages: string[]) => {
  for (const m of messages)
    expect(m).not.toMatch(
      /\[object Object\]|\bundefined\b|Maximum call stack|Stack overflow|Invalid regular expression|internal error|is not iterable/,
    );
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('validation', () => {
  it('reports every undeclared group of 2,000 users, each at its own line', () => {
    const lines = ['permsim: 1', 'users:'];
    for (let i = 0; i < 2000; i++) lines.push(`  u${i}: { groups: [g${i}] }`);
    const errors = errorsOf(lines.join('\n'));
    expect(errors).toHaveLength(2000);
    errors.forEach((e, i) => {
      expect(e).toMatchObject({ line: i + 3, path: `users.u${i}.groups[0]` });
      expect(e.message).toBe(`group 'g${i}' is not declared`);
    });
  });

  it('lists shape problems, bad option values and undeclared names together, in one pass', () => {
    const errors = errorsOf(
      [
        'permsim: 1',
        'semantics:',
        '  precedence: sometimes',
        'users:',
        '  alice: { groups: [Operators] }',
        '  bob: 42',
        '  carol: { groups: Ops, colour: red }',
        'groups:',
        '  Ops: {}',
        'things:',
        '  T1:',
        '    template: NoSuchTemplate',
        '    permissions:',
        '      runtime:',
        "        - { allow: Fly, principal: 'user:bob' }",
        'appKeys:',
        '  k: { user: bob }',
        '  k2: { user: nobody }',
        '',
      ].join('\n'),
    );
    expect(errors.map(e => `${e.line}:${e.column} ${e.path} ${e.message}`)).toEqual([
      "3:15 semantics.precedence unknown value 'sometimes'; expected one of: level, global-deny",
      "5:21 users.alice.groups[0] group 'Operators' is not declared",
      '6:8 users.bob expected a mapping, got number 42',
      "7:20 users.carol.groups expected a list, got the text 'Ops'",
      "7:25 users.carol.colour unknown key 'colour'; expected one of: groups, enabled, locked, password, unresolved",
      "12:15 things.T1.template template 'NoSuchTemplate' is not declared",
      "15:20 things.T1.permissions.runtime[0].allow 'Fly' is not a run-time permission kind; expected one of: PropertyRead, PropertyWrite, ServiceInvoke, EventInvoke, EventSubscribe",
      "18:15 appKeys.k2.user application key user 'nobody' is not a declared user",
    ]);
    // bob's entry is wrong, but bob is declared: the key that runs as bob is not reported.
    userWords(errors.map(e => e.message));
  });

  it.each([
    [
      'JSON 1,000,000 levels deep',
      `{"permsim":1,"x":${'['.repeat(1e6)}${']'.repeat(1e6)}}`,
      'm.json',
      1,
    ],
    [
      'YAML flow 5,000 levels deep',
      `permsim: 1\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      'm.yaml',
      2,
    ],
    [
      'equipment nested 2,000 deep',
      `permsim: 1\napps:\n  contexts:\n    C:\n      equipment:\n${Array.from(
        { length: 2000 },
        (_, i) => `${' '.repeat(8 + 4 * i)}E${i}:\n${' '.repeat(10 + 4 * i)}children:`,
      ).join('\n')}\n`,
      'm.yaml',
      undefined,
    ],
  ])('refuses %s early, with the level and the place', (_what, text, file, line) => {
    const errors = errorsOf(text, file);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(
      new RegExp(`^nesting deeper than ${MAX_NESTING} levels at line \\d+, column \\d+`),
    );
    if (line !== undefined) expect(errors[0]!.line).toBe(line);
    userWords(errors.map(e => e.message));
  });

  it('accepts nesting of ordinary depth (equipment 40 levels deep)', () => {
    const text = `permsim: 1\napps:\n  contexts:\n    C:\n      equipment:\n${Array.from(
      { length: 40 },
      (_, i) =>
        `${' '.repeat(8 + 4 * i)}E${i}:\n${' '.repeat(10 + 4 * i)}type: Site\n${' '.repeat(10 + 4 * i)}children:`,
    ).join('\n')} {}\n`;
    expect(
      errorsOf(text)
        .map(e => e.message)
        .join('\n'),
    ).not.toContain('nesting deeper');
  });

  it('says what a YAML set or a list used as a key is, without a Node warning', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const set = errorsOf('permsim: 1\nusers: !!set { a, b }\n');
    expect(set.map(e => e.message)).toEqual([
      'expected a mapping, got a YAML set (!!set); write a list instead',
    ]);
    const key = errorsOf('permsim: 1\nusers:\n  ? [a, b]\n  : {}\n');
    expect(key.map(e => [e.line, e.message])).toEqual([
      [3, 'YAML syntax: a key must be plain text, not a list'],
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('a mapping where a permission kind belongs is described, not [object Object]', () => {
    const errors = errorsOf(
      'permsim: 1\nthings:\n  T:\n    permissions:\n      runtime:\n        - { principal: user:Administrator, allow: { a: 1 } }\n',
    );
    expect(errors.length).toBeGreaterThan(0);
    userWords(errors.map(e => e.message));
  });

  it('an unknown key that belongs elsewhere says where', () => {
    const errors = errorsOf('permsim: 1\nsemantics: { usersInEveryone: false }\n');
    expect(errors.map(e => e.message)).toEqual([
      "unknown key 'usersInEveryone'; 'usersInEveryone' belongs under factory",
    ]);
  });

  it("a scenario's missing service name is 'missing', not undefined", () => {
    const r = parseScenarioText(
      'scenario: s\nchanges:\n  - invoke: { params: {} }\nwatch: []\n',
      's.yaml',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.join('\n')).toContain('changes[0].invoke.service');
      userWords(r.errors);
    }
  });
});
