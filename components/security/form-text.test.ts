import { describe, expect, it } from "vitest";
import { authorizationPolicyFormSchema } from "@/lib/contracts/security";
import { fromPolicyFields, parseLabels, toPolicyForm } from "./form-text";

describe("the policy form's text", () => {
  it("reads labels as key=value and reports entries without a value", () => {
    expect(parseLabels("app=reviews, version = v1\nbroken")).toEqual({
      labels: { app: "reviews", version: "v1" },
      invalid: ["broken"],
    });
  });

  it("round-trips a generated policy through the form unchanged", () => {
    const fields = authorizationPolicyFormSchema.parse({
      namespace: "bookinfo",
      name: "allow-observed-reviews-v1",
      action: "ALLOW",
      selector: { app: "reviews", version: "v1" },
      principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage", "cluster.local/ns/httpbin/sa/default"],
      plaintextCallers: true,
    });
    expect(authorizationPolicyFormSchema.parse(toPolicyForm(fromPolicyFields(fields)))).toEqual(fields);
  });

  it("a CUSTOM policy without a provider is refused by the contract", () => {
    const text = fromPolicyFields(
      authorizationPolicyFormSchema.parse({ namespace: "bookinfo", name: "ext", action: "DENY" }),
    );
    const parsed = authorizationPolicyFormSchema.safeParse(toPolicyForm({ ...text, action: "CUSTOM" }));
    expect(parsed.success).toBe(false);
  });
});
