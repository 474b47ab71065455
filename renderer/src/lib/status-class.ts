/** CSS class of an HTTP status badge (s2xx, s401, s403, s404, s4xx), shared by the Ask view, saved requests and the What-if workbench. */
export function statusClass(status: number): string {
  if (status >= 200 && status < 300) return 's2xx';
  if (status === 401) return 's401';
  if (status === 403) return 's403';
  if (status === 404) return 's404';
  return 's4xx';
}
