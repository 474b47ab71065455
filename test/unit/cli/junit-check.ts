/**
 * A structural check of JUnit XML as common CI servers read it (Jenkins' junit plugin schema,
 * GitLab's and GitHub test reporters): a well-formed document whose root is `testsuites` (or one
 * `testsuite`); each `testsuite` has `name`, `tests`, `failures`, `errors`, `time` (and optional
 * `skipped`, `timestamp` as an ISO date-time without zone), counts that match its `testcase`
 * children; each `testcase` has `name`, `classname` and a numeric `time`, at most one `failure`,
 * `error` or `skipped` child, and `failure`/`error` carry `message` and `type`. Parsed with
 * @xmldom/xmldom, whose errors (not well-formed) are reported, never swallowed.
 *
 * @example
 * junitErrors(xmlText); // [] when valid
 */
import { DOMParser } from '@xmldom/xmldom';

type El = {
  tagName: string;
  getAttribute(n: string): string | null;
  hasAttribute(n: string): boolean;
  childNodes: ArrayLike<{ nodeType: number }>;
};

const elements = (e: El): El[] =>
  Array.from(e.childNodes).filter(n => n.nodeType === 1) as unknown as El[];
const isNum = (v: string | null) => v !== null && /^\d+(\.\d+)?$/.test(v);
const isInt = (v: string | null) => v !== null && /^\d+$/.test(v);

export function junitErrors(text: string): string[] {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, msg: string) => {
      errors.push(`XML ${level}: ${msg}`);
    },
  }).parseFromString(text, 'text/xml');
  if (errors.length > 0) return errors;
  const root = doc.documentElement as unknown as El | null;
  if (!root) return ['no root element'];
  const suites =
    root.tagName === 'testsuites'
      ? elements(root)
      : root.tagName === 'testsuite'
        ? [root]
        : (errors.push(`root is <${root.tagName}>, expected <testsuites> or <testsuite>`), []);
  let total = 0;
  let fails = 0;
  let errs = 0;
  for (const s of suites) {
    const at = `testsuite "${s.getAttribute('name') ?? ''}"`;
    if (s.tagName !== 'testsuite') {
      errors.push(`<testsuites> may hold only <testsuite>, found <${s.tagName}>`);
      continue;
    }
    for (const a of ['name', 'tests', 'failures', 'errors', 'time'])
      if (!s.hasAttribute(a)) errors.push(`${at}: missing attribute ${a}`);
    for (const a of ['tests', 'failures', 'errors', 'skipped'])
      if (s.hasAttribute(a) && !isInt(s.getAttribute(a))) errors.push(`${at}: ${a} is not a count`);
    if (!isNum(s.getAttribute('time'))) errors.push(`${at}: time is not a number of seconds`);
    const ts = s.getAttribute('timestamp');
    if (ts !== null && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(ts))
      errors.push(`${at}: timestamp ${ts} is not an ISO date-time without zone`);
    const cases = elements(s).filter(c => c.tagName === 'testcase');
    let f = 0;
    let e = 0;
    for (const c of cases) {
      const cat = `${at} testcase "${c.getAttribute('name') ?? ''}"`;
      for (const a of ['name', 'classname', 'time'])
        if (!c.hasAttribute(a)) errors.push(`${cat}: missing attribute ${a}`);
      if (!isNum(c.getAttribute('time'))) errors.push(`${cat}: time is not a number of seconds`);
      const kids = elements(c).filter(k => ['failure', 'error', 'skipped'].includes(k.tagName));
      if (kids.length > 1) errors.push(`${cat}: more than one failure/error/skipped`);
      for (const k of kids) {
        if (k.tagName === 'failure') f++;
        if (k.tagName === 'error') e++;
        if (k.tagName !== 'skipped')
          for (const a of ['message', 'type'])
            if (!k.hasAttribute(a)) errors.push(`${cat}: <${k.tagName}> without ${a}`);
      }
    }
    if (Number(s.getAttribute('tests')) !== cases.length)
      errors.push(`${at}: tests="${s.getAttribute('tests')}" but ${cases.length} testcases`);
    if (Number(s.getAttribute('failures')) !== f)
      errors.push(`${at}: failures="${s.getAttribute('failures')}" but ${f} <failure>`);
    if (Number(s.getAttribute('errors')) !== e)
      errors.push(`${at}: errors="${s.getAttribute('errors')}" but ${e} <error>`);
    total += cases.length;
    fails += f;
    errs += e;
  }
  if (root.tagName === 'testsuites') {
    if (root.hasAttribute('tests') && Number(root.getAttribute('tests')) !== total)
      errors.push(`testsuites: tests="${root.getAttribute('tests')}" but ${total} testcases`);
    if (root.hasAttribute('failures') && Number(root.getAttribute('failures')) !== fails)
      errors.push(`testsuites: failures="${root.getAttribute('failures')}" but ${fails}`);
    if (root.hasAttribute('errors') && Number(root.getAttribute('errors')) !== errs)
      errors.push(`testsuites: errors="${root.getAttribute('errors')}" but ${errs}`);
  }
  return errors;
}
