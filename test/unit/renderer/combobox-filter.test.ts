import { describe, expect, it } from 'vitest';
import {
  exactOption,
  filterOptions,
  nameOptions,
  splitMatch,
} from '../../../renderer/src/components/combobox-filter';
import { principalOptions } from '../../../renderer/src/components/principal-options';

// The type-to-search combobox (renderer/src/components/Combobox.tsx) filters, highlights and takes
// exact names; names are data, so `constructor` and `__proto__` are names like any other.
const users = nameOptions(['alice', 'Malice', 'bob', 'constructor', '__proto__']);

describe('filterOptions', () => {
  it('keeps names containing the typed text, those starting with it first, whatever the case', () => {
    expect(filterOptions(users, 'ALI').map(o => o.value)).toEqual(['alice', 'Malice']);
    expect(filterOptions(users, 'li').map(o => o.value)).toEqual(['alice', 'Malice']);
  });

  it('keeps every option for an empty query and none when nothing matches', () => {
    expect(filterOptions(users, '')).toHaveLength(5);
    expect(filterOptions(users, 'zed')).toEqual([]);
  });

  it('finds names that look like object properties', () => {
    expect(filterOptions(users, 'constr').map(o => o.value)).toEqual(['constructor']);
    expect(filterOptions(users, '__').map(o => o.value)).toEqual(['__proto__']);
  });

  it('filters 10,000 names by label, keeping their order', () => {
    const many = nameOptions(
      Array.from({ length: 10_000 }, (_, i) => `user${String(i).padStart(5, '0')}`),
    );
    const hits = filterOptions(many, 'user0199');
    expect(hits.map(o => o.value)).toEqual(Array.from({ length: 10 }, (_, i) => `user0199${i}`));
  });
});

describe('splitMatch', () => {
  it('cuts the label around the first match, keeping the label as written', () => {
    expect(splitMatch('Malice', 'ALI')).toEqual(['M', 'ali', 'ce']);
    expect(splitMatch('bob', 'x')).toEqual(['bob', '', '']);
    expect(splitMatch('bob', '')).toEqual(['bob', '', '']);
  });
});

describe('exactOption', () => {
  it('takes the option whose value or label is exactly the text, and nothing else', () => {
    expect(exactOption(users, 'constructor')?.value).toBe('constructor');
    expect(exactOption(users, '__proto__')?.value).toBe('__proto__');
    expect(exactOption(users, 'Alice')).toBeUndefined();
    expect(exactOption(users, 'toString')).toBeUndefined();
  });

  it('tells a user and a group of the same name apart by value', () => {
    const both = principalOptions([
      { kind: 'user', name: 'ops' },
      { kind: 'group', name: 'ops' },
      { kind: 'thing', name: 'Pump' },
    ]);
    expect(both).toEqual([
      { value: 'user:ops', label: 'ops', detail: 'user' },
      { value: 'group:ops', label: 'ops', detail: 'group' },
    ]);
    expect(exactOption(both, 'group:ops')?.value).toBe('group:ops');
  });
});
