/**
 * Istio's circuit-breaking task as YAML a test hands to contextFrom (server/validation/test-support):
 * httpbin and fortio in the httpbin namespace, and the guide's DestinationRule
 * (maxConnections 1, http1MaxPendingRequests 1).
 */
export const HTTPBIN = `
apiVersion: v1
kind: Service
metadata: { name: httpbin, namespace: httpbin }
spec: { selector: { app: httpbin }, ports: [{ port: 8000, name: http }] }
---
apiVersion: v1
kind: Pod
metadata: { name: httpbin-v1, namespace: httpbin, labels: { app: httpbin, version: v1 } }
---
apiVersion: v1
kind: Pod
metadata: { name: fortio-deploy, namespace: httpbin, labels: { app: fortio } }
`;

export const CIRCUIT_BREAKER = `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: httpbin, namespace: httpbin }
spec:
  host: httpbin
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: 1
      http:
        http1MaxPendingRequests: 1
        maxRequestsPerConnection: 1
`;
