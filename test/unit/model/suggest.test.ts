import { describe, expect, it } from 'vitest';
import { didYouMean, suggestionSuffix } from '../../../shared/model/suggest';

describe('did you mean', () => {
  it('suggests the closest name within a few edits, and a case-only slip always', () => {
    expect(didYouMean('Operatros', ['Admins', 'Operators', 'Users'])).toBe('Operators');
    expect(didYouMean('operators', ['Operators'])).toBe('Operators');
    expect(didYouMean('LineSupervisorsEast', ['LineSupervisorsWest'])).toBe('LineSupervisorsWest');
    expect(didYouMean('Ops', ['Operators'])).toBeUndefined();
    expect(didYouMean('Ops', [])).toBeUndefined();
    expect(suggestionSuffix('Userz', ['Users'])).toBe("; did you mean 'Users'?");
  });

  it('keeps the first of equally close names', () => {
    expect(didYouMean('g1', ['g2', 'g3'])).toBe('g2');
    expect(didYouMean('abcd', ['abxy', 'abcx', 'abcy'])).toBe('abcx');
  });

  it('finds the one close name among 20,000 others', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `Group${i}Plant`);
    expect(didYouMean('Group12345Plnt', names)).toBe('Group12345Plant');
  });
});
