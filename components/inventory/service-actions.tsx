"use client";

/** A service's actions: the routing wizards and starting an experiment (their own components). */
import { StartExperimentButton } from "@/components/experiments/start-experiment-button";
import { ServiceTrafficActions } from "@/components/traffic/service-traffic-actions";

export function ServiceActions({ namespace, service }: { namespace: string; service: string }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <ServiceTrafficActions namespace={namespace} service={service} />
      <StartExperimentButton namespace={namespace} service={service} />
    </div>
  );
}
