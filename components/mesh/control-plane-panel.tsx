import type { MeshView } from "@/lib/contracts/mesh";
import { cardClass } from "@/components/inventory/item-parts";
import { StatusDot } from "@/components/ui/status-dot";

type ControlPlane = MeshView["controlPlane"];

/** The facts a mesh operator checks first: which istiod runs, and the mesh-wide settings traffic obeys. */
export function ControlPlanePanel({ controlPlane }: { controlPlane: ControlPlane }) {
  const { istiod, settings, rootCertificate } = controlPlane;
  const facts: [string, string][] = [
    ["Root namespace", settings.rootNamespace],
    ["Trust domain", settings.trustDomain],
    [
      "Outbound traffic",
      settings.outboundTrafficPolicy === "REGISTRY_ONLY"
        ? "REGISTRY_ONLY — only hosts in the registry are reachable"
        : `${settings.outboundTrafficPolicy} — unknown hosts are passed through`,
    ],
    ["Auto mTLS", settings.enableAutoMtls ? "on" : "off"],
    [
      "Root certificate",
      rootCertificate
        ? `expires ${rootCertificate.notAfter.slice(0, 10)} (${rootCertificate.daysLeft} days)`
        : "not published (no istio-ca-root-cert ConfigMap)",
    ],
  ];
  return (
    <section aria-labelledby="control-plane-heading" className={cardClass}>
      <h2 id="control-plane-heading" className="mb-2 text-lg font-medium">
        Control plane
      </h2>
      {istiod.length === 0 ? (
        <p className="text-sm text-bad">No istiod pod found in {settings.rootNamespace}.</p>
      ) : (
        <ul className="mb-3 space-y-1 text-sm" data-testid="istiod-pods">
          {istiod.map((pod) => (
            <li key={pod.name} className="flex items-center gap-2">
              <StatusDot state={pod.ready ? "ok" : "bad"} />
              <span className="font-mono text-xs">{pod.name}</span>
              <span>{pod.ready ? "ready" : "not ready"}</span>
              <span className="text-slate-500">
                Istio {pod.version}, revision {pod.revision}
              </span>
            </li>
          ))}
        </ul>
      )}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-500">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {!settings.fromConfigMap && (
        <p className="mt-2 text-xs text-slate-500">
          No <code>istio</code> ConfigMap: these are Istio&apos;s defaults.
        </p>
      )}
      {settings.problem && (
        <p className="mt-2 text-xs text-warn">
          The <code>istio</code> ConfigMap was ignored: {settings.problem}.
        </p>
      )}
    </section>
  );
}
