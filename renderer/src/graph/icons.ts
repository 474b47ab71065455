/**
 * Node-type icons as small SVG fragments (16 x 16 viewBox), shared by the React nodes and the SVG
 * export so a picture in a report looks like the view. Static strings: no user text inside.
 *
 * @example
 * `<svg viewBox="0 0 16 16">${ICONS.user}</svg>`
 */
import type { GraphNodeKind } from '../../../shared/graph';

export const ICONS: Record<GraphNodeKind, string> = {
  user: '<circle cx="8" cy="5" r="3" fill="currentColor"/><path d="M2 15c0-3.5 2.7-5.5 6-5.5s6 2 6 5.5z" fill="currentColor"/>',
  group:
    '<circle cx="5" cy="5.5" r="2.5" fill="currentColor"/><circle cx="11" cy="5.5" r="2.5" fill="currentColor"/><path d="M0.5 14c0-3 2-4.5 4.5-4.5S9.5 11 9.5 14zM6.5 14c0-3 2-4.5 4.5-4.5s4.5 1.5 4.5 4.5z" fill="currentColor"/>',
  organization:
    '<path d="M2 15V3l6-2 6 2v12z" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M5 6h2M9 6h2M5 9h2M9 9h2M7 15v-3h2v3" stroke="currentColor" stroke-width="1.4"/>',
  unit: '<rect x="5.5" y="1" width="5" height="4" fill="currentColor"/><rect x="1" y="11" width="5" height="4" fill="currentColor"/><rect x="10" y="11" width="5" height="4" fill="currentColor"/><path d="M8 5v3M3.5 11V8h9v3" fill="none" stroke="currentColor" stroke-width="1.4"/>',
  template:
    '<rect x="1" y="6" width="10" height="9" rx="1" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M4 4V2h11v9h-2" fill="none" stroke="currentColor" stroke-width="1.6"/>',
  shape: '<path d="M8 1l7 7-7 7-7-7z" fill="none" stroke="currentColor" stroke-width="1.8"/>',
  thing:
    '<path d="M8 1l6.5 3.5v7L8 15l-6.5-3.5v-7z" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M1.5 4.5L8 8l6.5-3.5M8 8v7" fill="none" stroke="currentColor" stroke-width="1.4"/>',
  collection:
    '<path d="M1 3h5l1.5 2H15v9H1z" fill="none" stroke="currentColor" stroke-width="1.6"/>',
  other:
    '<rect x="2" y="2" width="12" height="12" rx="2" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M5 8h6" stroke="currentColor" stroke-width="1.6"/>',
  aggregate:
    '<rect x="1" y="5" width="10" height="10" rx="1" fill="currentColor"/><path d="M4 3h9v9M7 1h8v8" fill="none" stroke="currentColor" stroke-width="1.4"/>',
};

/** Accent colour per node type (icon and left border), readable on white. */
export const KIND_COLOURS: Record<GraphNodeKind, string> = {
  user: '#1565c0',
  group: '#6a1b9a',
  organization: '#00695c',
  unit: '#00897b',
  template: '#ef6c00',
  shape: '#ad1457',
  thing: '#37474f',
  collection: '#5d4037',
  other: '#546e7a',
  aggregate: '#455a64',
};

export const KIND_WORDS: Record<GraphNodeKind, string> = {
  user: 'User',
  group: 'Group',
  organization: 'Organization',
  unit: 'Organization unit',
  template: 'Thing template',
  shape: 'Thing shape',
  thing: 'Thing',
  collection: 'Collection',
  other: 'Other entity',
  aggregate: 'Folded elements',
};
