export { ReferencePanel, CiteChip } from './ReferencePanel';
