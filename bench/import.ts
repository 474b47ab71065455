/**
 * Import benchmark (`npm run bench -- --import`): writes a ThingWorx source-control tree of 30,000
 * Things (one XML file per entity, plus the permissions file) from the size-L generated model, then
 * imports it in a child process (so its peak memory is the importer's alone) and reports the wall
 * time and the peak resident memory. Goal: under 10 s on 2 cores and under 1 GB.
 *
 * The gate: the child's digest (Things, run-time, design-time and visibility entries) must equal
 * the written model's, or the run has no valid timing.
 *
 * The XML written here is a benchmark fixture generator only (the entity XML of domain reference §6,
 * enough to exercise the importer); it is not the product's exporter.
 *
 * @example
 * npm run bench -- --import
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  Model,
  PermissionSet,
  PrincipalRef,
  RuntimeEntry,
  VisibilityPrincipal,
} from '../shared/model/types';
import { RUNTIME_KINDS, DESIGN_KINDS } from '../shared/model/types';
import { generateModel } from './generator';

export const IMPORT_THINGS = 30_000;

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const ptype = (p: PrincipalRef) => (p.type === 'user' ? 'User' : 'Group');
const principal = (p: PrincipalRef, allow: boolean) =>
  `<Principal isPermitted="${allow}" name="${esc(p.name)}" type="${ptype(p)}"/>`;
const visPrincipal = (v: VisibilityPrincipal) =>
  v.type === 'org'
    ? `<Principal isPermitted="true" name="${esc(v.org)}" type="Organization"/>`
    : `<Principal isPermitted="true" name="${esc(`${v.org}:${v.unit}`)}" type="OrganizationalUnit"/>`;

function runtimeXml(tag: string, entries: RuntimeEntry[]): string {
  if (!entries.length) return `<${tag}/>`;
  const byResource = new Map<string, RuntimeEntry[]>();
  for (const e of entries) byResource.set(e.resource, [...(byResource.get(e.resource) ?? []), e]);
  const blocks = [...byResource].map(([resource, es]) => {
    const kinds = RUNTIME_KINDS.map(k => {
      const ps = es.filter(e => e.kind === k);
      return ps.length
        ? `<${k}>${ps.map(e => principal(e.principal, e.allow)).join('')}</${k}>`
        : `<${k}/>`;
    }).join('');
    return `<Permissions resourceName="${esc(resource)}">${kinds}</Permissions>`;
  });
  return `<${tag}>\n${blocks.join('\n')}\n</${tag}>`;
}

function setXml(s: PermissionSet, prefix = ''): string {
  const dt = DESIGN_KINDS.map(k => {
    const ps = s.designtime.filter(e => e.kind === k);
    return ps.length
      ? `<${k}>${ps.map(e => principal(e.principal, e.allow)).join('')}</${k}>`
      : `<${k}/>`;
  }).join('');
  return [
    `<${prefix}DesignTimePermissions>${dt}<Metadata/></${prefix}DesignTimePermissions>`,
    runtimeXml(`${prefix}RunTimePermissions`, s.runtime),
    `<${prefix}VisibilityPermissions><Visibility>${s.visibility.map(visPrincipal).join('')}</Visibility></${prefix}VisibilityPermissions>`,
  ].join('\n');
}

const HEADER =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Entities build="b75" majorVersion="10" minorVersion="2" schemaVersion="1220">\n';
const defs = (c: { properties: string[]; services: string[]; events: string[] }) =>
  `<ThingShape><PropertyDefinitions>${c.properties.map(p => `<PropertyDefinition name="${esc(p)}" baseType="STRING"/>`).join('')}</PropertyDefinitions><ServiceDefinitions>${c.services.map(p => `<ServiceDefinition name="${esc(p)}"><ResultType name="result" baseType="NOTHING"/></ServiceDefinition>`).join('')}</ServiceDefinitions><EventDefinitions>${c.events.map(p => `<EventDefinition name="${esc(p)}"/>`).join('')}</EventDefinitions></ThingShape>`;
const shapesXml = (shapes: string[]) =>
  `<ImplementedShapes>${shapes.map(s => `<ImplementedShape name="${esc(s)}" type="ThingShape"/>`).join('')}</ImplementedShapes>`;

export type TreeDigest = {
  things: number;
  runtime: number;
  designtime: number;
  visibility: number;
};

/** Writes the tree; returns what the importer must read back. */
export function writeSourceControlTree(model: Model, dir: string, things: number): TreeDigest {
  const write = (folder: string, name: string, body: string) => {
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(
      join(dir, folder, `${encodeURIComponent(name)}.xml`),
      `${HEADER}${body}\n</Entities>\n`,
    );
  };
  const digest: TreeDigest = { things: 0, runtime: 0, designtime: 0, visibility: 0 };
  const count = (s: PermissionSet) => {
    digest.runtime += s.runtime.length;
    digest.designtime += s.designtime.length;
    digest.visibility += s.visibility.length;
  };
  for (const u of Object.values(model.users))
    if (!u.builtin)
      write(
        'Users',
        u.name,
        `<Users><User name="${esc(u.name)}" enabled="${u.enabled}" locked="${u.locked}"/></Users>`,
      );
  const members = new Map<string, string[]>();
  for (const u of Object.values(model.users))
    for (const g of u.groups)
      if (g !== 'Users')
        members.set(g, [...(members.get(g) ?? []), `<Member name="${esc(u.name)}" type="User"/>`]);
  for (const g of Object.values(model.groups))
    for (const p of g.memberOf)
      members.set(p, [...(members.get(p) ?? []), `<Member name="${esc(g.name)}" type="Group"/>`]);
  for (const g of Object.values(model.groups))
    if (!g.builtin)
      write(
        'Groups',
        g.name,
        `<Groups><Group name="${esc(g.name)}"><Members><Members>${(members.get(g.name) ?? []).join('')}</Members></Members></Group></Groups>`,
      );
  for (const o of Object.values(model.organizations)) {
    if (o.builtin) continue;
    const conns = [`<Connection from="" to="${esc(o.root)}"/>`];
    const units: string[] = [];
    for (const u of Object.values(o.units)) {
      for (const c of u.children) conns.push(`<Connection from="${esc(u.name)}" to="${esc(c)}"/>`);
      units.push(
        `<OrganizationalUnit name="${esc(u.name)}"><Members><Members>${u.members.map(m => `<Member name="${esc(m.name)}" type="${ptype(m)}"/>`).join('')}</Members></Members></OrganizationalUnit>`,
      );
    }
    write(
      'Organizations',
      o.name,
      `<Organizations><Organization name="${esc(o.name)}"><Connections>${conns.join('')}</Connections><OrganizationalUnits>${units.join('')}</OrganizationalUnits></Organization></Organizations>`,
    );
  }
  for (const s of Object.values(model.shapes)) {
    if (s.builtin) continue;
    count({ runtime: s.instance.runtime, designtime: [], visibility: [] });
    write(
      'ThingShapes',
      s.name,
      `<ThingShapes><ThingShape name="${esc(s.name)}">${defs(s)}${runtimeXml('InstanceRunTimePermissions', s.instance.runtime)}</ThingShape></ThingShapes>`,
    );
  }
  for (const t of Object.values(model.templates)) {
    if (t.builtin) continue;
    count(t.permissions);
    count(t.instance);
    write(
      'ThingTemplates',
      t.name,
      `<ThingTemplates><ThingTemplate name="${esc(t.name)}" baseThingTemplate="${esc(t.base ?? '')}">${t.owner ? `<Owner name="${esc(t.owner)}" type="User"/>` : ''}\n${setXml(t.permissions)}\n${defs(t)}${shapesXml(t.shapes)}\n${setXml(t.instance, 'Instance')}</ThingTemplate></ThingTemplates>`,
    );
  }
  for (const t of Object.values(model.things)
    .filter(x => !x.builtin)
    .slice(0, things)) {
    count(t.permissions);
    digest.things += 1;
    write(
      'Things',
      t.name,
      `<Things><Thing name="${esc(t.name)}" thingTemplate="${esc(t.template)}" enabled="${t.enabled}">${t.owner ? `<Owner name="${esc(t.owner)}" type="User"/>` : ''}\n${setXml(t.permissions)}\n${defs(t)}${shapesXml(t.shapes)}<ThingProperties/><ConfigurationChanges/></Thing></Things>`,
    );
  }
  // Collection-level blocks go to the permissions file; they are not in the digest, because the
  // imported model adds the factory default (Everyone sees every collection) that the generator
  // switched off.
  const colls = Object.entries(model.collections)
    .filter(([, s]) => s)
    .map(([c, s]) => `<${c}>${setXml(s as PermissionSet)}</${c}>`);
  mkdirSync(join(dir, 'Permissions'), { recursive: true });
  writeFileSync(
    join(dir, 'Permissions', 'Permissions.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<Collections>\n${colls.join('\n')}\n</Collections>\n`,
  );
  return digest;
}

export type ImportBench = {
  things: number;
  files: number;
  megabytes: number;
  seconds: number;
  /** CPU time of the import process (user + system): the time on an idle core. */
  cpuSeconds: number;
  peakRssMiB: number;
  agree: boolean;
  digest: TreeDigest;
};

/** Generates, writes, imports in a child process, checks the digest. */
export function benchImport(seed: number, log: (s: string) => void): ImportBench {
  log(`generating the size-L model (seed ${seed})...\n`);
  const model = generateModel('L', seed);
  const dir = mkdtempSync(join(tmpdir(), 'permsim-import-bench-'));
  try {
    log(`writing ${IMPORT_THINGS} Things as a source-control tree in ${dir}...\n`);
    const expected = writeSourceControlTree(model, dir, IMPORT_THINGS);
    log('importing (child process)...\n');
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./import-child.ts', import.meta.url)), dir],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
    );
    if (child.status !== 0) throw new Error(`the import child failed (exit ${child.status})`);
    const got = JSON.parse(child.stdout) as Omit<ImportBench, 'agree' | 'things'> & {
      digest: TreeDigest;
    };
    const agree = JSON.stringify(got.digest) === JSON.stringify(expected);
    if (!agree)
      log(
        `digest differs: wrote ${JSON.stringify(expected)}, imported ${JSON.stringify(got.digest)}\n`,
      );
    return { ...got, things: expected.things, agree, digest: expected };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderImport(b: ImportBench): string {
  return [
    '### Import of a source-control tree (size-L model, 30,000 Things)',
    '',
    '| Things | files | MB | import wall (s) | import CPU (s) | peak RSS (MiB) | digest agrees |',
    '| -----: | ----: | -: | --------------: | -------------: | -------------: | :-----------: |',
    `| ${b.things} | ${b.files} | ${b.megabytes.toFixed(1)} | ${b.seconds.toFixed(2)} | ${b.cpuSeconds.toFixed(2)} | ${b.peakRssMiB.toFixed(0)} | ${b.agree ? 'yes' : 'NO'} |`,
    '',
    'Goal (issue 14 item 11): under 10 s on 2 cores, under 1 GB.',
  ].join('\n');
}
