/**
 * Size limits that the front doors and the renderer must agree on. No zod here: the renderer and
 * the server import these numbers without the schemas.
 *
 * @example
 * if (bytes > IMPORT_UPLOAD_LIMIT_BYTES) say('use the CLI');
 */

/**
 * How much one `project:import` with uploaded `files` may carry. The loopback server reads a
 * request body into one string and V8 strings end near 512 MiB, so the body limit stays under it;
 * base64 makes 3 bytes of a file 4 characters, so the files themselves may be about three quarters
 * of that (less the JSON around them). Larger imports go through the CLI, which reads the files
 * where they are (docs/import.md, the paragraph on File > Import).
 */
export const IMPORT_BODY_LIMIT_BYTES = 384 * 1024 * 1024;
/** Bytes of files (before base64) the app sends in one import. */
export const IMPORT_UPLOAD_LIMIT_BYTES = 280 * 1024 * 1024;
