/**
 * AuthorizationPolicy `spec` as Istio's CRD declares it
 * (security.istio.io/v1, read 2026): ports in `to[].operation` are strings.
 */
import { list, obj, str, strings, type FieldSchema } from "./field-schema";
import { matchLabelsSelector, policyTargetReference } from "./common-fields";

const source = obj({
  principals: strings,
  notPrincipals: strings,
  requestPrincipals: strings,
  notRequestPrincipals: strings,
  namespaces: strings,
  notNamespaces: strings,
  serviceAccounts: strings,
  notServiceAccounts: strings,
  ipBlocks: strings,
  notIpBlocks: strings,
  remoteIpBlocks: strings,
  notRemoteIpBlocks: strings,
});

const operation = obj({
  hosts: strings,
  notHosts: strings,
  ports: strings,
  notPorts: strings,
  methods: strings,
  notMethods: strings,
  paths: strings,
  notPaths: strings,
});

const rule = obj({
  from: list(obj({ source })),
  to: list(obj({ operation })),
  when: list(obj({ key: str, values: strings, notValues: strings })),
});

export const authorizationPolicySpecSchema: FieldSchema = obj({
  selector: matchLabelsSelector,
  targetRef: policyTargetReference,
  targetRefs: list(policyTargetReference),
  rules: list(rule),
  action: str,
  provider: obj({ name: str }),
});
