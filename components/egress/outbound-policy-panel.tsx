import type { OutboundPolicyView } from "@/lib/contracts/egress";
import { cardClass } from "@/components/inventory/item-parts";

/** What happens to a call for a host nothing registers: the words a reader of a 502 or a reset connection needs. */
const MEANING: Record<OutboundPolicyView["mode"], string> = {
  ALLOW_ANY: "Calls to hosts no Service or ServiceEntry declares leave the mesh through PassthroughCluster, unchecked.",
  ALLOW_ANY_DYNAMIC_DNS: "As ALLOW_ANY: unknown hosts pass through, resolved by DNS per request.",
  REGISTRY_ONLY:
    "Calls to hosts no Service or ServiceEntry declares are blocked by BlackHoleCluster: HTTP gets 502, HTTPS a reset connection. Add a ServiceEntry to open a host.",
};

export function OutboundPolicyPanel({ policy }: { policy: OutboundPolicyView }) {
  return (
    <section aria-labelledby="outbound-heading" className={cardClass} data-testid="outbound-policy">
      <h2 id="outbound-heading" className="mb-2 text-lg font-medium">
        Outbound traffic policy
      </h2>
      <p className="flex items-baseline gap-2 text-sm">
        <span className="font-mono">{policy.mode}</span>
        <span className="text-slate-500">
          {policy.fromConfigMap ? "from the istio ConfigMap" : "Istio's default (no istio ConfigMap)"}
        </span>
      </p>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{MEANING[policy.mode]}</p>
      {policy.problem && (
        <p role="alert" className="mt-1 text-sm text-amber-800 dark:text-amber-200">
          The istio ConfigMap is not usable ({policy.problem}); Istio&apos;s default applies.
        </p>
      )}
    </section>
  );
}
