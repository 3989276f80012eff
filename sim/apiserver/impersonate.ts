/**
 * User impersonation, as kube-apiserver's impersonation filter does it
 * (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go): `Impersonate-User`,
 * `Impersonate-Group` (repeatable), `Impersonate-Uid` and `Impersonate-Extra-<key>` ask to
 * act as someone else. Each requested part is an authorisation check of the authenticated
 * caller for verb `impersonate` — on `users`, `groups` (core group), `serviceaccounts` (a
 * `system:serviceaccount:NS:NAME` user, in its namespace), `uids` or `userextras/<key>`
 * (authentication.k8s.io), named by the requested value — and the first refusal answers 403.
 * When all pass, every later decision (RBAC, reviews) is made for the impersonated user.
 */
import type { IncomingMessage } from "node:http";
import type { AuthorizationAttributes, Authorizer, UserInfo } from "./request-context";
import { forbidden } from "./status-error";

const USER = "impersonate-user";
const GROUP = "impersonate-group";
const UID = "impersonate-uid";
const EXTRA_PREFIX = "impersonate-extra-";
const AUTHENTICATION = "authentication.k8s.io";
const ANONYMOUS = "system:anonymous";
const AUTHENTICATED = "system:authenticated";
const UNAUTHENTICATED = "system:unauthenticated";
const SERVICE_ACCOUNT = /^system:serviceaccount:([^:]+):([^:]+)$/;

/** One thing to impersonate: the attributes to authorise, and what it adds to the new user. */
interface ImpersonationRequest {
  check: Omit<AuthorizationAttributes, "user" | "verb">;
  /** The Go ObjectReference kube prints in its error for groups without a user. */
  described: string;
}

/**
 * Every value of the headers whose lowercased name passes `wanted`, in order:
 * Node joins repeated unknown headers with ", ", the raw list keeps them apart.
 */
function rawHeaders(req: IncomingMessage, wanted: (name: string) => boolean): [string, string][] {
  const found: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] ?? "").toLowerCase();
    if (wanted(name)) found.push([name, req.rawHeaders[i + 1] ?? ""]);
  }
  return found;
}

/** The first value, as Go's Header.Get; an empty value counts as absent. */
function first(req: IncomingMessage, header: string): string | undefined {
  const value = rawHeaders(req, (n) => n === header)[0]?.[1];
  return value === "" ? undefined : value;
}

/** `%`-escapes in extra keys are decoded, as url.PathUnescape; a malformed key is kept as sent. */
function unescapeExtraKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** The plain-text 500 kube-apiserver's responsewriters.InternalError sends, HTML-escaped as it is. */
export class ImpersonationError extends Error {
  readonly code = 500;
}

function htmlEscaped(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&#34;")
    .replace(/'/g, "&#39;");
}

/**
 * The impersonated user, or the caller unchanged when no header asks for impersonation.
 * Throws a 403 StatusError when the caller may not impersonate a requested part, and an
 * ImpersonationError (kube answers 500) when groups, uid or extras come without a user.
 */
export function impersonate(req: IncomingMessage, caller: UserInfo, authorizer: Authorizer): UserInfo {
  const requestedUser = first(req, USER);
  const requestedUid = first(req, UID);
  const groups = rawHeaders(req, (n) => n === GROUP).map(([, v]) => v);
  const extras = new Map<string, string[]>();
  for (const [name, value] of rawHeaders(req, (n) => n.startsWith(EXTRA_PREFIX))) {
    const key = unescapeExtraKey(name.slice(EXTRA_PREFIX.length));
    extras.set(key, [...(extras.get(key) ?? []), value]);
  }
  if (requestedUser === undefined && groups.length === 0 && extras.size === 0 && requestedUid === undefined)
    return caller;

  const requests: ImpersonationRequest[] = [];
  const sa = requestedUser !== undefined ? SERVICE_ACCOUNT.exec(requestedUser) : null;
  if (sa)
    requests.push({
      check: { group: "", resource: "serviceaccounts", namespace: sa[1] ?? "", name: sa[2] ?? "" },
      described: `{ServiceAccount ${sa[1]} ${sa[2]}    }`,
    });
  else if (requestedUser !== undefined)
    requests.push({
      check: { group: "", resource: "users", name: requestedUser },
      described: `{User  ${requestedUser}    }`,
    });
  for (const g of groups)
    requests.push({ check: { group: "", resource: "groups", name: g }, described: `{Group  ${g}    }` });
  for (const [key, vs] of extras)
    for (const v of vs)
      requests.push({
        check: { group: AUTHENTICATION, resource: "userextras", subresource: key, name: v },
        described: `{UserExtra  ${v}  ${AUTHENTICATION}/v1  ${key}}`,
      });
  if (requestedUid !== undefined)
    requests.push({
      check: { group: AUTHENTICATION, resource: "uids", name: requestedUid },
      described: `{UID  ${requestedUid}  ${AUTHENTICATION}/v1  }`,
    });

  if (requestedUser === undefined) {
    const path = req.url ?? "/";
    throw new ImpersonationError(
      htmlEscaped(
        `Internal Server Error: ${JSON.stringify(path)}: requested [${requests.map((r) => r.described).join(" ")}] without impersonating a user`,
      ),
    );
  }

  for (const { check } of requests) {
    const attributes: AuthorizationAttributes = { user: caller, verb: "impersonate", ...check };
    if (!authorizer.allows(attributes)) throw forbidden({ ...attributes, user: caller.name });
  }

  // A service account's groups follow from its namespace unless groups were given.
  const newGroups =
    groups.length > 0 || !sa ? [...groups] : ["system:serviceaccounts", `system:serviceaccounts:${sa[1] ?? ""}`];
  if (requestedUser !== ANONYMOUS) {
    if (!newGroups.includes(AUTHENTICATED) && !newGroups.includes(UNAUTHENTICATED)) newGroups.push(AUTHENTICATED);
  } else if (!newGroups.includes(UNAUTHENTICATED)) newGroups.push(UNAUTHENTICATED);
  return {
    name: requestedUser,
    groups: newGroups,
    ...(requestedUid !== undefined ? { uid: requestedUid } : {}),
    ...(extras.size > 0 ? { extra: Object.fromEntries(extras) } : {}),
  };
}

export function isImpersonationError(err: unknown): err is ImpersonationError {
  return err instanceof ImpersonationError;
}
