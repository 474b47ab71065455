/** CSS class of an HTTP status, matching the Ask view's badges (kept here so whatif/ and the Ask view do not import each other). */
export function statusClass(status: number): string {
  if (status >= 200 && status < 300) return 's2xx';
  if (status === 401) return 's401';
  if (status === 403) return 's403';
  if (status === 404) return 's404';
  return 's4xx';
}
