/**
 * SelfSubjectReview (authentication.k8s.io, `kubectl auth whoami`): "who am I to you?" — the
 * user the request was made as, after impersonation, as kube-apiserver's selfsubjectreview
 * REST storage answers it.
 */
import { readObjectBody } from "./read-body";
import { contentTypeOf } from "./negotiate";
import { sendJson } from "./respond";
import type { ResourceRequest } from "./request-context";

export async function handleSelfSubjectReview(r: ResourceRequest): Promise<void> {
  // The body carries nothing the answer depends on, but it must be a readable object.
  await readObjectBody(r.req, contentTypeOf(r.req));
  const { name, uid, groups, extra } = r.user;
  sendJson(r.res, 201, {
    kind: "SelfSubjectReview",
    apiVersion: `authentication.k8s.io/${r.target.version}`,
    metadata: { creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, "Z") },
    status: {
      userInfo: {
        username: name,
        ...(uid ? { uid } : {}),
        ...(groups.length > 0 ? { groups } : {}),
        ...(extra && Object.keys(extra).length > 0 ? { extra } : {}),
      },
    },
  });
}
