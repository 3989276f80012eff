import Link from "next/link";
import type { SidecarInjectorView } from "@/lib/contracts/mesh";
import { cardClass, Notice } from "@/components/inventory/item-parts";
import { MessageText } from "@/components/ui/message-text";
import { StatusDot } from "@/components/ui/status-dot";

/** A CA bundle expiring within a month is worth a warning: a webhook whose CA lapsed blocks every pod creation. */
const CA_WARNING_DAYS = 30;

function CaBundle({ caBundle }: { caBundle: SidecarInjectorView["webhooks"][number]["caBundle"] }) {
  if ("problem" in caBundle)
    return <span className="text-red-700 dark:text-red-400">CA bundle {caBundle.problem}</span>;
  const tone =
    caBundle.daysLeft < 0
      ? "text-red-700 dark:text-red-400"
      : caBundle.daysLeft < CA_WARNING_DAYS
        ? "text-amber-700 dark:text-amber-400"
        : "";
  return (
    <span className={tone}>
      CA {caBundle.subject}{" "}
      {caBundle.daysLeft < 0
        ? `expired ${caBundle.notAfter.slice(0, 10)}`
        : `expires ${caBundle.notAfter.slice(0, 10)} (${caBundle.daysLeft} days)`}
    </span>
  );
}

/**
 * istiod's sidecar injector: each webhook of its MutatingWebhookConfiguration (revision, service, failure policy,
 * CA bundle expiry, the namespaces it selects), and the namespaces labelled for injection with pods still lacking a
 * sidecar.
 */
export function SidecarInjectorPanel({ injector }: { injector: SidecarInjectorView }) {
  const { webhooks, namespaces, problem } = injector;
  const lacking = namespaces.filter((n) => n.podsWithoutSidecar.length > 0);
  return (
    <section aria-labelledby="injector-heading" className={cardClass} data-testid="sidecar-injector">
      <h2 id="injector-heading" className="mb-2 text-lg font-medium">
        Sidecar injector
      </h2>
      {problem && (
        <Notice tone={problem.code === "forbidden" ? "info" : "error"}>
          <MessageText text={problem.message} />
        </Notice>
      )}
      {!problem && webhooks.length === 0 && (
        <p className="text-sm text-slate-500">
          No sidecar injector webhook (MutatingWebhookConfiguration with a *.sidecar-injector.istio.io webhook): new
          pods get no sidecar.
        </p>
      )}
      <ul className="space-y-3 text-sm" data-testid="injector-webhooks">
        {webhooks.map((w) => (
          <li key={`${w.configuration}/${w.name}`} data-webhook={w.name}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{w.name}</span>
              <span className="text-slate-500">
                {w.configuration}, revision {w.revision}
              </span>
            </div>
            <p className="ml-1 text-xs text-slate-600 dark:text-slate-400">
              calls {w.service}, failure policy {w.failurePolicy} · <CaBundle caBundle={w.caBundle} />
            </p>
            <p className="ml-1 text-xs text-slate-600 dark:text-slate-400">
              namespaces {w.namespaceSelector}; pods {w.objectSelector} —{" "}
              <span data-column="namespaces">
                {w.injectsEveryPod ? "every pod of " : "opted-in pods of "}
                {w.namespaces.length === 0 ? "no namespace" : w.namespaces.join(", ")}
              </span>
            </p>
          </li>
        ))}
      </ul>
      {namespaces.length > 0 && (
        <div className="mt-3 text-sm" data-testid="injected-namespaces">
          <h3 className="font-medium">Namespaces labelled for injection</h3>
          <ul className="mt-1 space-y-1">
            {namespaces.map((n) => (
              <li key={n.namespace} data-namespace={n.namespace} className="flex flex-wrap items-center gap-2">
                <StatusDot state={n.podsWithoutSidecar.length === 0 ? "ok" : "warn"} />
                <Link href={`/namespaces/${encodeURIComponent(n.namespace)}/workloads`} className="underline">
                  {n.namespace}
                </Link>
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  by {n.webhook} (revision {n.revision})
                  {n.podsWithoutSidecar.length > 0 &&
                    ` — ${n.podsWithoutSidecar.length} pod${n.podsWithoutSidecar.length === 1 ? "" : "s"} without a sidecar (created before the label; restart to inject): ${n.podsWithoutSidecar.join(", ")}`}
                </span>
              </li>
            ))}
          </ul>
          {lacking.length === 0 && <p className="mt-1 text-xs text-slate-500">Every pod they select has a sidecar.</p>}
        </div>
      )}
    </section>
  );
}
