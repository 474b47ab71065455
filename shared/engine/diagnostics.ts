/**
 * Diagnostic services (placeholder until the full set lands): see below.
 */
import type { ServiceHandler } from './service-handler';

export const diagnosticServices: ServiceHandler[] = [];
