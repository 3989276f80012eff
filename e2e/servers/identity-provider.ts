/**
 * The OpenID project's identity provider as a Playwright webServer: the tests' real
 * `oidc-provider` (server/auth/test-support/start-identity-provider.ts) on a fixed port, with
 * the simulator's demo users, so the console can be configured against it before it starts.
 * Usage: node --import tsx e2e/servers/identity-provider.ts PORT CONSOLE_ORIGIN
 */
import { startIdentityProvider } from "../../server/auth/test-support/start-identity-provider";

const [port, consoleOrigin] = process.argv.slice(2);
if (!port || !consoleOrigin) {
  process.stderr.write("usage: identity-provider.ts PORT CONSOLE_ORIGIN\n");
  process.exit(2);
}

const idp = await startIdentityProvider({
  // The names sim/scenarios/default/41-demo-users.yaml binds; groups only to show they travel.
  users: { alice: ["bookinfo-editors"], bob: ["viewers"], carol: [] },
  clientId: "topsail-e2e",
  clientSecret: "topsail-e2e-client-secret",
  redirectUri: `${consoleOrigin}/api/auth/openid/callback`,
  port: Number(port),
});
console.log(`identity provider ready at ${idp.issuer}`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void idp.stop().then(() => process.exit(0)));
