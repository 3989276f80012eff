/**
 * A real OpenID Connect provider for the tests (the `oidc-provider` package) on 127.0.0.1 and
 * a free port (or a given one), with the demo's users and their groups in a `groups` claim.
 * When the test has said who signs in next (`signInAs`), the provider's interaction logs that
 * user in at once; otherwise it shows a login form asking for the user name (no password: the
 * provider is the tests' own), as a browser-driven test needs. The console's client is granted
 * its scopes without a consent screen, as a company's own provider would for its own console.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Account, type ProviderContext } from "oidc-provider";

export interface IdentityProviderOptions {
  /** User name → groups. */
  users: Record<string, string[]>;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** 0 (the default): any free port. */
  port?: number;
}

export interface RunningIdentityProvider {
  issuer: string;
  /** Who the next authorization request logs in as. */
  signInAs(user: string): void;
  stop(): Promise<void>;
}

export async function startIdentityProvider(options: IdentityProviderOptions): Promise<RunningIdentityProvider> {
  let nextUser: string | undefined;
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    scopes: ["openid", "groups"],
    claims: { openid: ["sub"], groups: ["groups"] },
    // The groups go into the ID token itself, where the console reads them.
    conformIdTokenClaims: false,
    cookies: { keys: ["topsail-test-provider-cookie-key"] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, id: string): Promise<Account | undefined> {
      const groups = options.users[id];
      return groups ? { accountId: id, claims: async () => ({ sub: id, groups }) } : undefined;
    },
    async loadExistingGrant(ctx: ProviderContext) {
      const { provider: self, client, session, result } = ctx.oidc;
      const existing = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (existing) return self.Grant.find(existing);
      const grant = new self.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope("openid groups");
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();

  const logIn = (req: IncomingMessage, res: ServerResponse, accountId: string) =>
    provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });

  handle = (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return callback(req, res);
    void (async () => {
      const interaction = await provider.interactionDetails(req, res);
      if (interaction.prompt.name !== "login") {
        res.statusCode = 400;
        res.end(`unexpected prompt ${interaction.prompt.name}`);
        return;
      }
      if (nextUser) return logIn(req, res, nextUser);
      if (req.method === "POST") {
        const login = new URLSearchParams(await readBody(req)).get("login") ?? "";
        if (options.users[login]) return logIn(req, res, login);
      }
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.end(loginForm(interaction.uid, req.method === "POST"));
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  };

  return {
    issuer,
    signInAs(user) {
      nextUser = user;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The provider's login page: a user name and a button, posted back to the same interaction. */
function loginForm(uid: string, unknownUser: boolean): string {
  return `<!doctype html><html><head><title>Test identity provider</title></head><body><main>
<h1>Sign in to the test identity provider</h1>
${unknownUser ? '<p role="alert">No such user.</p>' : ""}
<form method="post" action="/interaction/${encodeURIComponent(uid)}">
<label>User name <input name="login" autocomplete="username"></label>
<button type="submit">Continue</button>
</form></main></body></html>`;
}
