/**
 * The headers proxy.ts sets on every API request for the request log (request-log.ts), in a
 * file of their own so that proxy.ts imports nothing more.
 */
export const requestMethodHeader = "x-topsail-method";
export const requestPathHeader = "x-topsail-path";
