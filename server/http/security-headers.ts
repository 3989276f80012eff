/**
 * Headers every response carries whatever the request (next.config.ts sends them for the
 * routes Next.js serves; proxy.ts adds them to the answers it gives itself, which do not
 * always pass through the config's header rules). The Content-Security-Policy carries a
 * per-request nonce and is therefore set in proxy.ts.
 */
export const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
] as const;
