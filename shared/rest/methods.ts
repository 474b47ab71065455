/**
 * The HTTP methods a request may carry: ThingWorx routes GET/PUT/POST/DELETE; the others answer
 * 405 (§5.10). One list for the parser, the contract's validators and the Ask form.
 *
 * @example
 * (HTTP_METHODS as readonly string[]).includes('PATCH'); // true
 */
export const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;

export type HttpMethodName = (typeof HTTP_METHODS)[number];
