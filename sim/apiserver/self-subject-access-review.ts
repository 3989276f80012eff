/** SelfSubjectAccessReview: "may I do this?", answered by the same authorizer that guards requests. */
import { z } from "zod";
import { readObjectBody } from "./read-body";
import { contentTypeOf } from "./negotiate";
import { badRequest } from "./status-error";
import { sendJson } from "./respond";
import type { ResourceRequest } from "./request-context";

const reviewSchema = z.looseObject({
  spec: z.looseObject({
    resourceAttributes: z
      .looseObject({
        namespace: z.string().optional(),
        verb: z.string().optional(),
        group: z.string().optional(),
        resource: z.string().optional(),
        subresource: z.string().optional(),
        name: z.string().optional(),
      })
      .optional(),
    nonResourceAttributes: z.looseObject({ path: z.string().optional(), verb: z.string().optional() }).optional(),
  }),
});

export async function handleSelfSubjectAccessReview(r: ResourceRequest): Promise<void> {
  const parsed = reviewSchema.safeParse(await readObjectBody(r.req, contentTypeOf(r.req)));
  if (!parsed.success) throw badRequest("SelfSubjectAccessReview: spec is required");
  const attrs = parsed.data.spec.resourceAttributes;
  // Non-resource URLs (discovery, /version, /healthz) are open to every authenticated user here.
  const allowed = attrs
    ? r.deps.authorize.allows({
        user: r.user,
        verb: attrs.verb ?? "",
        group: attrs.group ?? "",
        resource: attrs.resource ?? "",
        ...(attrs.subresource ? { subresource: attrs.subresource } : {}),
        ...(attrs.namespace ? { namespace: attrs.namespace } : {}),
        ...(attrs.name ? { name: attrs.name } : {}),
      })
    : true;
  sendJson(r.res, 201, {
    kind: "SelfSubjectAccessReview",
    apiVersion: "authorization.k8s.io/v1",
    metadata: { creationTimestamp: null },
    spec: parsed.data.spec,
    status: { allowed, ...(allowed ? {} : { reason: "" }) },
  });
}
