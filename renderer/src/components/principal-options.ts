/**
 * Users and groups of the model as type-to-search options (components/Combobox.tsx): the value is
 * `user:<name>` or `group:<name>` (the notation of the entry editor), the label the bare name and
 * the kind shown beside it, so a user and a group of the same name stay apart.
 */
import type { OutlineItem } from '../../../shared/contract';
import type { ComboOption } from './combobox-filter';

export function principalOptions(items: readonly OutlineItem[]): ComboOption[] {
  const of = (kind: 'user' | 'group') =>
    items
      .filter(i => i.kind === kind)
      .map(i => ({ value: `${kind}:${i.name}`, label: i.name, detail: kind }));
  return [...of('user'), ...of('group')];
}
