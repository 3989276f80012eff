/** A starting point per kind for "create from YAML": the smallest object istiod accepts. */
import { findIstioKind, type IstioKind } from "@/lib/istio/kinds";

const specs: Record<IstioKind, string> = {
  VirtualService:
    "  hosts:\n  - reviews\n  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: v1\n",
  DestinationRule: "  host: reviews\n  subsets:\n  - name: v1\n    labels:\n      version: v1\n",
  Gateway:
    '  selector:\n    istio: ingressgateway\n  servers:\n  - port:\n      number: 80\n      name: http\n      protocol: HTTP\n    hosts:\n    - "*"\n',
  ServiceEntry:
    "  hosts:\n  - api.example.com\n  ports:\n  - number: 443\n    name: https\n    protocol: TLS\n  resolution: DNS\n  location: MESH_EXTERNAL\n",
  Sidecar: '  egress:\n  - hosts:\n    - "./*"\n    - "istio-system/*"\n',
  WorkloadEntry: "  address: 10.0.0.1\n  labels:\n    app: example\n",
  WorkloadGroup: "  metadata:\n    labels:\n      app: example\n  template:\n    serviceAccount: default\n",
  PeerAuthentication: "  mtls:\n    mode: STRICT\n",
  AuthorizationPolicy:
    "  action: ALLOW\n  rules:\n  - from:\n    - source:\n        principals:\n        - cluster.local/ns/default/sa/sleep\n",
  RequestAuthentication:
    "  jwtRules:\n  - issuer: https://issuer.example.com\n    jwksUri: https://issuer.example.com/jwks.json\n",
};

export function templateFor(kind: IstioKind, namespace: string): string {
  const info = findIstioKind(kind);
  const name =
    kind === "PeerAuthentication"
      ? "default"
      : kind === "VirtualService" || kind === "DestinationRule"
        ? "reviews"
        : `my-${kind.toLowerCase()}`;
  return `apiVersion: ${info?.group ?? "networking.istio.io"}/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n${specs[kind]}`;
}
