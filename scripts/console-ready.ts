/**
 * The line the console's server prints once it listens (scripts/serve-console.ts), and the
 * pattern the demo and tests wait for: one definition, so a changed banner cannot leave
 * `npm run demo` waiting for a line that never comes.
 */
export function consoleReadyLine(host: string, port: number): string {
  return `Topsail ready on http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export const consoleReadyPattern = /Topsail ready on http:\/\/\S+:\d+/;
