/**
 * istiod's sidecar injector as the Mesh page shows it, from the MutatingWebhookConfigurations and the namespaces'
 * labels: each webhook whose name ends in `sidecar-injector.istio.io` (the istiod chart's `rev.namespace.`,
 * `rev.object.`, `namespace.` and `object.` entries, one set per revision), whom it calls, its failure policy, the
 * expiry of the CA it trusts, and the namespaces it selects — evaluated as kube-apiserver evaluates a webhook: the
 * namespaceSelector against the namespace's labels, the objectSelector against the pod's.
 *
 * A webhook whose objectSelector matches a pod without labels injects every pod of the namespaces it selects (the
 * namespace is "labelled for injection"); one that needs a pod label (`sidecar.istio.io/inject=true`) injects only the
 * pods that opt in. For the former, the pods it selects that run without `istio-proxy` are called out: they were
 * created before the label or while the injector did not answer, and get a sidecar only when recreated.
 */
import "server-only";
import type { InjectedNamespace, InjectorWebhook } from "@/lib/contracts/mesh";
import { describeLabelSelector, matchesLabelSelector } from "@/lib/kube/label-selector";
import type { MutatingWebhookConfiguration } from "@/server/adapters/kube/core-objects";
import type { PodObject } from "@/server/inventory/read-namespace-objects";
import { certificateExpiry } from "./mesh-config";

export interface NamespaceLabels {
  name: string;
  labels: Record<string, string>;
}

const INJECTOR_SUFFIX = "sidecar-injector.istio.io";

type Webhook = NonNullable<MutatingWebhookConfiguration["webhooks"]>[number];

function serviceOf(webhook: Webhook): string {
  const { service, url } = webhook.clientConfig;
  if (!service) return url ?? "";
  // The API server's defaults (admissionregistration/v1): port 443, no path.
  return `${service.name}.${service.namespace}:${service.port ?? 443}${service.path ?? ""}`;
}

function caBundleOf(webhook: Webhook, now: Date): InjectorWebhook["caBundle"] {
  const bundle = webhook.clientConfig.caBundle;
  // Without one the API server trusts its own roots; istiod patches its CA in once it starts.
  if (!bundle) return { problem: "empty: istiod has not written its CA yet" };
  const expiry = certificateExpiry(Buffer.from(bundle, "base64").toString("utf8"), now);
  return expiry ?? { problem: "not a PEM certificate" };
}

export function injectorWebhooksOf(
  configurations: readonly MutatingWebhookConfiguration[],
  namespaces: readonly NamespaceLabels[],
  now: Date,
): InjectorWebhook[] {
  return configurations
    .flatMap((configuration) =>
      (configuration.webhooks ?? [])
        .filter((w) => w.name.endsWith(INJECTOR_SUFFIX))
        .map((webhook) => ({
          configuration: configuration.metadata.name,
          name: webhook.name,
          revision: configuration.metadata.labels?.["istio.io/rev"] ?? "default",
          service: serviceOf(webhook),
          // admissionregistration/v1 defaults failurePolicy to Fail.
          failurePolicy: webhook.failurePolicy === "Ignore" ? ("Ignore" as const) : ("Fail" as const),
          caBundle: caBundleOf(webhook, now),
          namespaceSelector: describeLabelSelector(webhook.namespaceSelector),
          objectSelector: describeLabelSelector(webhook.objectSelector),
          namespaces: namespaces
            .filter((n) => matchesLabelSelector(webhook.namespaceSelector, n.labels))
            .map((n) => n.name)
            .sort(),
          injectsEveryPod: matchesLabelSelector(webhook.objectSelector, {}),
        })),
    )
    .sort((a, b) => a.configuration.localeCompare(b.configuration) || a.name.localeCompare(b.name));
}

const keyOf = (w: { configuration: string; name: string }) => `${w.configuration}/${w.name}`;

/**
 * The webhooks' objectSelectors by configuration and name (revisions reuse the webhook names), to judge pods with:
 * the view keeps only their description.
 */
export function injectorSelectorsOf(
  configurations: readonly MutatingWebhookConfiguration[],
): Map<string, Webhook["objectSelector"]> {
  return new Map(
    configurations.flatMap((c) =>
      (c.webhooks ?? [])
        .filter((w) => w.name.endsWith(INJECTOR_SUFFIX))
        .map((w) => [keyOf({ configuration: c.metadata.name, name: w.name }), w.objectSelector]),
    ),
  );
}

/** The namespaces some webhook injects every pod of, each with the first such webhook (by configuration and name). */
export function namespacesInjectedByDefault(webhooks: readonly InjectorWebhook[]): Map<string, InjectorWebhook> {
  const byNamespace = new Map<string, InjectorWebhook>();
  for (const webhook of webhooks.filter((w) => w.injectsEveryPod))
    for (const namespace of webhook.namespaces) if (!byNamespace.has(namespace)) byNamespace.set(namespace, webhook);
  return byNamespace;
}

/** Pods a webhook selects (by objectSelector) that run without a sidecar; finished pods do not count. */
export function podsWithoutSidecar(pods: readonly PodObject[], objectSelector: Webhook["objectSelector"]): string[] {
  return pods
    .filter((p) => !p.hasSidecar && (p.phase === "Running" || p.phase === "Pending"))
    .filter((p) => matchesLabelSelector(objectSelector, p.labels))
    .map((p) => p.name)
    .sort();
}

export function injectedNamespacesOf(
  webhooks: readonly InjectorWebhook[],
  selectors: ReadonlyMap<string, Webhook["objectSelector"]>,
  podsByNamespace: ReadonlyMap<string, readonly PodObject[]>,
): InjectedNamespace[] {
  return [...namespacesInjectedByDefault(webhooks)]
    .map(([namespace, webhook]) => ({
      namespace,
      webhook: webhook.name,
      revision: webhook.revision,
      podsWithoutSidecar: podsWithoutSidecar(podsByNamespace.get(namespace) ?? [], selectors.get(keyOf(webhook))),
    }))
    .sort((a, b) => a.namespace.localeCompare(b.namespace));
}
