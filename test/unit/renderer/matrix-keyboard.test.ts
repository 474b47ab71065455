// The matrix keyboard walk (renderer/src/matrix/paint.ts): columns run over every kind of every
// Thing, so ArrowRight from a Thing's last kind enters the next Thing; moves stop at the edges.
import { describe, expect, it } from 'vitest';
import { moveFocus } from '../../../renderer/src/matrix/paint';

const counts = { users: 4, things: 2, kinds: 3 };

describe('moveFocus', () => {
  it('walks kinds, then the next Thing', () => {
    expect(moveFocus({ row: 0, thing: 0, kind: 2 }, 'ArrowRight', counts)).toEqual({
      row: 0,
      thing: 1,
      kind: 0,
    });
    expect(moveFocus({ row: 0, thing: 1, kind: 0 }, 'ArrowLeft', counts)).toEqual({
      row: 0,
      thing: 0,
      kind: 2,
    });
  });

  it('stops at every edge', () => {
    expect(moveFocus({ row: 0, thing: 0, kind: 0 }, 'ArrowUp', counts)).toEqual({
      row: 0,
      thing: 0,
      kind: 0,
    });
    expect(moveFocus({ row: 3, thing: 1, kind: 2 }, 'ArrowDown', counts)?.row).toBe(3);
    expect(moveFocus({ row: 3, thing: 1, kind: 2 }, 'ArrowRight', counts)).toEqual({
      row: 3,
      thing: 1,
      kind: 2,
    });
    expect(moveFocus({ row: 1, thing: 0, kind: 0 }, 'PageDown', counts)?.row).toBe(3);
    expect(moveFocus({ row: 1, thing: 0, kind: 1 }, 'End', counts)).toEqual({
      row: 1,
      thing: 1,
      kind: 2,
    });
  });

  it('ignores other keys', () => {
    expect(moveFocus({ row: 1, thing: 0, kind: 0 }, 'a', counts)).toBeNull();
  });
});
