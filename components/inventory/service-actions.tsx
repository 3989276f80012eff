"use client";

/**
 * A service's actions: the routing wizards, starting an experiment (their own components), and
 * explaining a request to it (/explain with the service as the host).
 */
import Link from "next/link";
import { StartExperimentButton } from "@/components/experiments/start-experiment-button";
import { ExposeServiceButton } from "@/components/traffic/expose-service-dialog";
import { ServiceTrafficActions } from "@/components/traffic/service-traffic-actions";
import { explainHref } from "@/lib/explain-request/url-state";
import { useCan } from "@/lib/queries/permissions";

export function ServiceActions({ namespace, service }: { namespace: string; service: string }) {
  // Exposing creates a Gateway and a VirtualService: offered to viewers who may create Istio config.
  const mayCreate = useCan(namespace, "createIstioConfig");
  return (
    <div className="flex flex-wrap items-end justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <ServiceTrafficActions namespace={namespace} service={service} />
      <div className="flex flex-wrap items-end gap-2">
        {mayCreate && <ExposeServiceButton namespace={namespace} service={service} />}
        <StartExperimentButton namespace={namespace} service={service} />
        <Link
          href={explainHref({ namespace, host: service })}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Explain a request
        </Link>
      </div>
    </div>
  );
}
