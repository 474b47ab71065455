/**
 * The matrix calls while the matrix engine builds (main/api/graph-handlers.ts): the axes call
 * starts the build in slices, a tile asked before it is ready is answered by single checks, and
 * the same tile after the build (from the engine) is the same answer; a build for a model the
 * project has moved on from stops without leaving an engine behind.
 */
import { describe, expect, it } from 'vitest';
import { generateModel } from '../../../bench/generator';
import { graphHandlers } from '../../../main/api/graph-handlers';
import { fileSession } from '../../../main/api/session';
import type { ProjectSession } from '../../../main/api/session';
import type { Result } from '../../../shared/contract';
import { builtMatrixEngine, matrixEngineInSlices } from '../../../shared/engine/matrix';
import type { Model } from '../../../shared/model/types';

const nextTurn = (): Promise<void> => new Promise(resolve => setImmediate(resolve));

describe('matrix tiles while the engine builds', () => {
  it('a tile before the build is the same tile after it', async () => {
    const model = generateModel('S', 11);
    const session = fileSession('generated.yaml', model);
    const h = graphHandlers({
      withModel: <T>(fn: (m: Model, s: ProjectSession) => Result<T>) => fn(model, session),
    });
    const axes = await h['graph:matrix-axes']({});
    if (!axes.ok) throw new Error(axes.error.message);
    // The axes call started the build in slices: it is not done within the call.
    expect(builtMatrixEngine(model)).toBeUndefined();
    const tile = {
      users: axes.value.users.slice(0, 64),
      things: axes.value.things.slice(0, 32),
      kinds: axes.value.kinds,
    };
    const early = await h['graph:matrix-cells'](tile);
    const engine = await matrixEngineInSlices(model, nextTurn);
    expect(engine).toBe(builtMatrixEngine(model));
    const late = await h['graph:matrix-cells'](tile);
    expect(early).toEqual(late);
    expect(late.ok && late.value.cells.length).toBe(64 * 32 * 5);
  });

  it('a build the project no longer wants stops and leaves no engine', async () => {
    const model = generateModel('S', 12);
    let wanted = true;
    const build = matrixEngineInSlices(
      model,
      async () => {
        wanted = false;
        await nextTurn();
      },
      () => wanted,
      0,
    );
    expect(await build).toBeUndefined();
    expect(builtMatrixEngine(model)).toBeUndefined();
  });
});
