/**
 * Bookinfo as `samples/bookinfo/platform/kube/bookinfo.yaml` deploys it (istio-facts §1), as YAML
 * a test hands to contextFrom (server/validation/test-support): the same Bookinfo the routing
 * tests use (lib/istio/routing/test-support/bookinfo-samples.ts, where the guides' VirtualServices
 * are too), written as Deployments because a validation context takes a Deployment's pod labels
 * as a workload named after it. No Prometheus, no traffic: the budget is read from config and the
 * samples' client table.
 */
import {
  BOOKINFO_SERVICES,
  BOOKINFO_WORKLOADS,
  bookinfoServiceAccount,
  DESTINATION_RULE_ALL,
} from "@/lib/istio/routing/test-support/bookinfo-samples";

const service = (name: string) => `
apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: bookinfo, labels: { app: ${name}, service: ${name} } }
spec: { selector: { app: ${name} }, ports: [{ port: 9080, name: http }] }
---`;

const deployment = ([app, version]: readonly [string, string]) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${app}-${version}, namespace: bookinfo }
spec:
  template:
    metadata: { labels: { app: ${app}, version: ${version} } }
    spec: { serviceAccountName: ${bookinfoServiceAccount(app)} }
---`;

/** The four services, six deployments and `destination-rule-all.yaml`'s subsets. */
export const BOOKINFO_APP = [
  ...BOOKINFO_SERVICES.map(service),
  ...BOOKINFO_WORKLOADS.map(deployment),
  DESTINATION_RULE_ALL,
].join("\n");
