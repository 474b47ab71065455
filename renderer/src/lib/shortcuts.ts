/**
 * Undo/redo keyboard shortcuts. Inside text fields the browser's own text undo wins, so typing
 * Ctrl+Z in the call box never undoes a model edit.
 *
 * @example
 * shortcutFor({ key: 'z', ctrlKey: true, metaKey: false, shiftKey: true, targetIsText: false }); // 'redo'
 */
export type KeyInfo = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  targetIsText: boolean;
};

export function shortcutFor(k: KeyInfo): 'undo' | 'redo' | null {
  if (k.targetIsText) return null;
  if (!(k.ctrlKey || k.metaKey)) return null;
  const key = k.key.toLowerCase();
  if (key === 'z') return k.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !k.shiftKey) return 'redo';
  return null;
}
