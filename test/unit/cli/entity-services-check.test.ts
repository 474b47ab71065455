/**
 * `permsim check` on EntityServices (domain reference §5.10): creating a Thing through
 * CreateThingWithOwner needs design-time Create on Things besides ServiceInvoke on the service.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { main } from '../../../main/cli';

const MODEL = `permsim: 1
name: entity services
users:
  bob: { groups: [Ops] }
groups:
  Ops: {}
resources:
  EntityServices:
    permissions:
      runtime:
        - { allow: ServiceInvoke, principal: group:Ops }
collections:
  Things:
    designtime:
      - { deny: Create, principal: group:Ops }
`;

it('§5.10 answers 403 for CreateThingWithOwner with ServiceInvoke allowed and Create denied', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'permsim-es-'));
  const file = join(dir, 'es.yaml');
  writeFileSync(file, MODEL);
  let out = '';
  const io = {
    out: (t: string) => void (out += t),
    err: (t: string) => void (out += t),
    errIsTTY: false,
  };
  try {
    const code = await main(
      [
        'check',
        file,
        '--as',
        'bob',
        '--body',
        '{"name":"T9","owner":"bob"}',
        '--json',
        'POST /Thingworx/Resources/EntityServices/Services/CreateThingWithOwner',
      ],
      io,
    );
    expect(code).toBe(0);
    const answer = JSON.parse(out) as { status: number; body: string };
    expect(answer.status).toBe(403);
    expect(answer.body).toBe('Not authorized for Create on T9 in Things');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
