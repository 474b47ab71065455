/**
 * `POST /Thingworx/Things/PTC.SCA.SCO.DefaultContextManager/Services/<Name>` after the platform check
 * (the pipeline has already checked visibility and ServiceInvoke on the manager Thing, §7.11).
 *
 * @example
 * const out = appsServiceHandler(ctx); // undefined when the call is not a context-manager service
 * out?.effect; // the changed model after a Grant or Propagate
 */
import type { LocatedRuntimeEntry, Step } from '../model/decision';
import type { ServiceHandler, ServiceOutcome } from '../engine/service-handler';
import type { EntryWrite } from './entries';
import { infotable } from './infotable';
import { CONTEXT_MANAGER_THING, isAppsService } from './names';
import { invokeAppsService } from './services';

function writeStep(w: EntryWrite): Step {
  const located = (es: typeof w.written): LocatedRuntimeEntry[] =>
    es.map(e => ({ ...e, at: { level: 'entity', entity: w.thing, collection: 'Things' } }));
  return {
    kind: 'service',
    verdict: 'info',
    text: `${w.permissionType} for ${w.principal.type} ${w.principal.name} written to the * run-time entries of Thing ${w.thing}: ${w.written.map(e => `${e.kind} ${e.allow ? 'allow' : 'deny'}`).join(', ')}`,
    details: [
      ...w.replaced.map(
        e =>
          `overwrote ${e.kind} ${e.allow ? 'allow' : 'deny'} of the same principal (the latest grant wins, §7.8)`,
      ),
      ...w.dropped.map(
        e =>
          `dropped ${e.kind} ${e.allow ? 'allow' : 'deny'} for ${e.principal.type} ${e.principal.name}, who no longer exists (§7.14)`,
      ),
    ],
    refs: [
      { type: 'thing', name: w.thing },
      { type: w.principal.type, name: w.principal.name },
    ],
    decided: located(w.written),
    lost: located(w.replaced),
    cites: ['§7.14', '§7.15'],
  };
}

/** Answers the context-manager services of §7.12 on `PTC.SCA.SCO.DefaultContextManager`. */
export const appsServiceHandler: ServiceHandler = ctx => {
  if (
    ctx.target.collection !== 'Things' ||
    ctx.target.name !== CONTEXT_MANAGER_THING ||
    !isAppsService(ctx.service)
  )
    return undefined;
  const r = invokeAppsService(ctx.model, ctx.user, ctx.service, ctx.body);
  if (!r.ok) {
    return {
      status: 500,
      outcome: 'unknown',
      body: r.message,
      steps: [
        {
          kind: 'service',
          verdict: 'unknown',
          text: `${ctx.service} threw: ${r.message}`,
          details: ['nothing was stored'],
          refs: [{ type: 'thing', name: CONTEXT_MANAGER_THING }],
          cites: ['§7.16', '§10.24'],
        },
      ],
      unknowns: [
        `The HTTP status of a thrown service error is not documented (§10.24); 500 is PermSim's guess`,
      ],
    };
  }
  let body: string;
  if (r.resultType === 'INFOTABLE') body = JSON.stringify(r.result);
  else if (r.resultType === 'NOTHING') body = '';
  else body = JSON.stringify(infotable('', { result: r.resultType }, [{ result: r.result }]));
  const steps: Step[] = [
    {
      kind: 'service',
      verdict: 'pass',
      text: `${ctx.service} ran as ${ctx.user} (${r.resultType} result)`,
      details: r.log,
      refs: [{ type: 'thing', name: CONTEXT_MANAGER_THING }],
      cites: ['§7.12', '§7.13'],
    },
    ...r.writes.map(writeStep),
  ];
  const out: ServiceOutcome = { status: 200, outcome: 'allowed', body, result: r.result, steps };
  if (r.writes.length > 0) out.effect = r.model;
  if (r.resultType === 'STRING' || r.resultType === 'JSON')
    out.unknowns = [
      'a STRING/JSON service result is shown as an infotable with one `result` column, as ThingWorx REST returns it [INF]',
    ];
  return out;
};
