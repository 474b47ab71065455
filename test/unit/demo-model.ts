/**
 * The bundled demo (assets/demos/sensor-datastream.yaml, the domain reference's §12.1 situation)
 * as a Model, for unit tests: one loader instead of one per test file.
 *
 * @example
 * const model = loadDemoModel();
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadModel } from '../../shared/apps/load';
import type { Model } from '../../shared/model/types';

export const DEMO_PATH = resolve(__dirname, '..', '..', 'assets/demos/sensor-datastream.yaml');

/** A fresh copy of the demo model on every call (tests may build variants from it). */
export function loadDemoModel(): Model {
  const r = loadModel(readFileSync(DEMO_PATH, 'utf8'), 'sensor-datastream.yaml');
  if (!r.ok) throw new Error(`the demo does not load: ${r.errors.map(e => e.message).join('; ')}`);
  return r.model;
}
