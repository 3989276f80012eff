import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import type { AuthorizationAttributes, Authorizer, UserInfo } from "./request-context";
import { impersonate, isImpersonationError } from "./impersonate";
import { isStatusError } from "./status-error";

function request(headers: [string, string][], url = "/api/v1/pods"): IncomingMessage {
  return { rawHeaders: headers.flat(), url } as unknown as IncomingMessage;
}

/** Allows what `allowed` says, recording every question asked. */
function recordingAuthorizer(
  allowed: (a: AuthorizationAttributes) => boolean,
): Authorizer & { asked: AuthorizationAttributes[] } {
  const asked: AuthorizationAttributes[] = [];
  return {
    asked,
    allows: (a) => {
      asked.push(a);
      return allowed(a);
    },
    rulesFor: () => [],
  };
}

const console_: UserInfo = {
  name: "system:serviceaccount:topsail:topsail",
  groups: ["system:serviceaccounts", "system:authenticated"],
};

describe("impersonation", () => {
  it("leaves the caller alone without impersonation headers", () => {
    const authorizer = recordingAuthorizer(() => false);
    expect(impersonate(request([["Authorization", "Bearer x"]]), console_, authorizer)).toBe(console_);
    expect(authorizer.asked).toEqual([]);
  });

  it("acts as the requested user and groups, adding system:authenticated, after checking each part", () => {
    const authorizer = recordingAuthorizer(() => true);
    const user = impersonate(
      request([
        ["Impersonate-User", "bob"],
        ["Impersonate-Group", "viewers"],
        ["Impersonate-Group", "auditors"],
        ["Impersonate-Uid", "u-1"],
        ["Impersonate-Extra-Scopes", "view"],
        ["Impersonate-Extra-Scopes", "read"],
      ]),
      console_,
      authorizer,
    );
    expect(user).toEqual({
      name: "bob",
      uid: "u-1",
      groups: ["viewers", "auditors", "system:authenticated"],
      extra: { scopes: ["view", "read"] },
    });
    expect(
      authorizer.asked.map((a) => [
        a.verb,
        a.group,
        a.subresource ? `${a.resource}/${a.subresource}` : a.resource,
        a.name,
      ]),
    ).toEqual([
      ["impersonate", "", "users", "bob"],
      ["impersonate", "", "groups", "viewers"],
      ["impersonate", "", "groups", "auditors"],
      ["impersonate", "authentication.k8s.io", "userextras/scopes", "view"],
      ["impersonate", "authentication.k8s.io", "userextras/scopes", "read"],
      ["impersonate", "authentication.k8s.io", "uids", "u-1"],
    ]);
    expect(authorizer.asked.every((a) => a.user === console_)).toBe(true);
  });

  it("checks a service account user in its namespace and gives it the service-account groups", () => {
    const authorizer = recordingAuthorizer(() => true);
    expect(
      impersonate(request([["Impersonate-User", "system:serviceaccount:bookinfo:reviews"]]), console_, authorizer)
        .groups,
    ).toEqual(["system:serviceaccounts", "system:serviceaccounts:bookinfo", "system:authenticated"]);
    expect(authorizer.asked[0]).toMatchObject({ resource: "serviceaccounts", namespace: "bookinfo", name: "reviews" });
  });

  it("gives system:anonymous the unauthenticated group instead", () => {
    expect(
      impersonate(
        request([["Impersonate-User", "system:anonymous"]]),
        console_,
        recordingAuthorizer(() => true),
      ).groups,
    ).toEqual(["system:unauthenticated"]);
  });

  it("refuses with kube-apiserver's Forbidden when a part is not allowed", () => {
    const authorizer = recordingAuthorizer((a) => a.resource === "users");
    let error: unknown;
    try {
      impersonate(
        request([
          ["Impersonate-User", "alice"],
          ["Impersonate-Group", "system:masters"],
        ]),
        console_,
        authorizer,
      );
    } catch (err) {
      error = err;
    }
    expect(isStatusError(error) && error.status).toMatchObject({
      code: 403,
      reason: "Forbidden",
      message:
        'groups "system:masters" is forbidden: User "system:serviceaccount:topsail:topsail" cannot impersonate resource "groups" in API group "" at the cluster scope',
    });
  });

  it("answers groups without a user with the 500 kube-apiserver sends", () => {
    let error: unknown;
    try {
      impersonate(
        request([["Impersonate-Group", "admins"]]),
        console_,
        recordingAuthorizer(() => true),
      );
    } catch (err) {
      error = err;
    }
    expect(isImpersonationError(error) && error.code).toBe(500);
    expect(error instanceof Error && error.message).toBe(
      "Internal Server Error: &#34;/api/v1/pods&#34;: requested [{Group  admins    }] without impersonating a user",
    );
  });
});
