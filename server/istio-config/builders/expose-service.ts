/**
 * "Expose this service": a new Gateway on the ingress gateway for one host and a new
 * VirtualService that binds the host to the service — Istio's ingress task (httpbin-gateway
 * + httpbin VirtualService) as objects. Both are created, never edited: an existing object of
 * either name is the user's, and the wizard refuses rather than overwrite it.
 */
import "server-only";
import type { ExposeInput } from "@/lib/contracts/expose";
import type { Gateway, VirtualService } from "@/lib/istio/types";
import { CREATED_BY_ANNOTATION, type ServiceRef } from "./common";

/** The label of Istio's default ingress gateway pods (istio/istio manifests). */
export const INGRESS_SELECTOR = { istio: "ingressgateway" } as const;

export const exposeGatewayName = (service: ServiceRef) => `${service.name}-gateway`;
export const exposeVirtualServiceName = (service: ServiceRef) => `${service.name}-ingress`;

export function buildExposeService(
  service: ServiceRef,
  input: ExposeInput,
): { gateway: Gateway; virtualService: VirtualService } {
  const annotations = { [CREATED_BY_ANNOTATION]: "expose-wizard" };
  const server =
    input.protocol === "HTTP"
      ? { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: [input.host] }
      : {
          port: { number: 443, name: "https", protocol: "HTTPS" },
          hosts: [input.host],
          tls: { mode: "SIMPLE" as const, credentialName: input.credentialName },
        };
  const gatewayName = exposeGatewayName(service);
  return {
    gateway: {
      apiVersion: "networking.istio.io/v1",
      kind: "Gateway",
      metadata: { name: gatewayName, namespace: service.namespace, annotations },
      spec: { selector: { ...INGRESS_SELECTOR }, servers: [server] },
    },
    virtualService: {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: exposeVirtualServiceName(service), namespace: service.namespace, annotations },
      spec: {
        hosts: [input.host],
        gateways: [gatewayName],
        http: [{ route: [{ destination: { host: service.name, port: { number: input.servicePort } } }] }],
      },
    },
  };
}
