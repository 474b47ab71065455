/**
 * Human-readable rendering of a Decision for the terminal: status line, body, then the explanation
 * steps indented, each with its details, the entries that decided and those that lost, the cited
 * sections and the options or inferences that decided.
 *
 * @example
 * process.stdout.write(formatDecision(decision));
 */
import type {
  Decision,
  Level,
  LocatedDesignEntry,
  LocatedRuntimeEntry,
  LocatedVisibility,
  Step,
} from '../../shared/model/decision';
import { evaluatedAtText } from '../../shared/rest/authenticate';

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
};

export const statusLine = (status: number): string =>
  `${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}`;

export function formatLevel(at: Level): string {
  switch (at.level) {
    case 'entity':
      return `${at.collection}/${at.entity}`;
    case 'instance':
      return `instance permissions of template ${at.template}`;
    case 'shape':
      return `instance permissions of shape ${at.shape}`;
    case 'template':
      return `template ${at.template}`;
    case 'collection':
      return `collection ${at.collection}`;
  }
}

type AnyEntry = LocatedRuntimeEntry | LocatedDesignEntry | LocatedVisibility;

export function formatEntry(e: AnyEntry): string {
  if ('allow' in e) {
    const resource = 'resource' in e ? ` on ${e.resource}` : '';
    return `${e.allow ? 'Allow' : 'Deny'} ${e.kind}${resource} for ${e.principal.type}:${e.principal.name} at ${formatLevel(e.at)}`;
  }
  const who = e.type === 'org' ? `org:${e.org}` : `unit:${e.org}:${e.unit}`;
  return `Visibility for ${who} at ${formatLevel(e.at)}`;
}

const VERDICT: Record<Step['verdict'], string> = {
  pass: 'pass',
  fail: 'FAIL',
  info: 'info',
  unknown: 'UNKNOWN',
};

export function formatSteps(steps: Step[], indent = '  '): string {
  const lines: string[] = [];
  steps.forEach((s, i) => {
    lines.push(`${indent}${i + 1}. [${VERDICT[s.verdict]}] ${s.kind}: ${s.text}`);
    const sub = `${indent}     `;
    for (const d of s.details) lines.push(`${sub}${d}`);
    for (const e of s.decided ?? []) lines.push(`${sub}decided: ${formatEntry(e)}`);
    for (const e of s.lost ?? []) lines.push(`${sub}lost:    ${formatEntry(e)}`);
    if (s.options?.length)
      lines.push(`${sub}option${s.options.length > 1 ? 's' : ''}: ${s.options.join(', ')}`);
    for (const inf of s.inferences ?? []) lines.push(`${sub}inference: ${inf}`);
    if (s.cites.length) lines.push(`${sub}see ${s.cites.join(', ')}`);
  });
  return lines.join('\n');
}

export function formatDecision(d: Decision, heading?: string): string {
  const out: string[] = [];
  if (heading) out.push(heading);
  out.push(
    `${statusLine(d.status)}${d.outcome === 'unknown' ? ' (a documented guess, not known: see "Not modelled" below)' : ''}`,
  );
  out.push(`Body: ${d.body}`);
  if (d.evaluatedAt) out.push(`Evaluated at: ${evaluatedAtText(d.evaluatedAt)}`);
  out.push('', 'Explanation:', formatSteps(d.explanation));
  if (d.unknowns.length) out.push('', 'Not modelled:', ...d.unknowns.map(u => `  - ${u}`));
  if (d.optionsUsed.length) out.push('', `Options that decided: ${d.optionsUsed.join(', ')}`);
  return `${out.join('\n')}\n`;
}
