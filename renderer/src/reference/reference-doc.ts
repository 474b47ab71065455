/**
 * The permission-model reference bundled into the app (the app is offline): docs/permission-model.md
 * as text at build time, parsed once.
 */
import text from '../../../docs/permission-model.md?raw';
import { parseReference, type ReferenceDoc } from './parse-reference';

let doc: ReferenceDoc | undefined;

export function referenceDoc(): ReferenceDoc {
  doc ??= parseReference(text);
  return doc;
}
