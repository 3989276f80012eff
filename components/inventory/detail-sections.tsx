/** The overview tab of each kind of detail page, composed from detail-overview.tsx's sections. Props only. */
import type { ApplicationDetail, ServiceDetail, WorkloadDetail } from "@/lib/contracts/inventory";
import { InjectionControl } from "./injection-control";
import {
  ConfigTable,
  HealthFacts,
  PodsTable,
  PortsTable,
  Section,
  ServicesList,
  SubsetsTable,
  WorkloadsTable,
} from "./detail-overview";
import { LabelList } from "./item-parts";

const namespaceDefault = {
  enabled: "injects",
  disabled: "does not inject",
  unset: "has no injection label, so it does not inject",
} as const;

export function WorkloadOverview({ detail }: { detail: WorkloadDetail }) {
  const w = detail.item;
  const current = w.injectAnnotation === undefined ? "unset" : w.injectAnnotation === "false" ? "off" : "on";
  return (
    <div className="space-y-5">
      <Section title="Health">
        <HealthFacts health={w.health} />
      </Section>
      <Section title="Labels">
        <LabelList labels={w.labels} />
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {w.kind}, app <span className="font-mono">{w.app}</span>, version{" "}
          <span className="font-mono">{w.version}</span>
        </p>
      </Section>
      <Section title="Sidecar injection">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Namespace {w.namespace} {namespaceDefault[detail.namespaceInjection]};{" "}
          {w.podsWithoutSidecar + w.podsOutOfMesh} of {w.pods} pods run without a sidecar
          {w.podsOutOfMesh > 0 ? ` (${w.podsOutOfMesh} opted out of injection)` : ""}.
        </p>
        <InjectionControl
          target={{ kind: "workload", namespace: w.namespace, name: w.name }}
          current={current}
          resourceVersion={w.kind === "Deployment" ? detail.resourceVersion : undefined}
          podsNote={`The pod template of ${w.name} changes, so its ${w.pods} pod${w.pods === 1 ? "" : "s"} roll: new pods start with the new setting and the old ones stop.`}
        />
      </Section>
      <Section title="Pods">
        <PodsTable pods={detail.pods} />
      </Section>
      <Section title="Services">
        <ServicesList services={w.services} namespace={w.namespace} />
      </Section>
      <Section title="Subsets">
        <SubsetsTable subsets={detail.subsets} />
      </Section>
      <Section title="Istio config">
        <ConfigTable refs={w.config} />
      </Section>
    </div>
  );
}

export function ServiceOverview({ detail }: { detail: ServiceDetail }) {
  const s = detail.item;
  return (
    <div className="space-y-5">
      <Section title="Health">
        <HealthFacts health={s.health} />
      </Section>
      <Section title="Labels and selector">
        <LabelList labels={s.labels} />
        <p className="text-xs text-slate-500">Selector:</p>
        <LabelList labels={s.selector} />
      </Section>
      <Section title="Ports">
        <PortsTable ports={s.ports} />
      </Section>
      <Section title="Versions and subsets">
        <p className="text-sm">
          Versions: <span className="font-mono">{s.versions.join(", ") || "none"}</span>
        </p>
        <SubsetsTable subsets={detail.subsets} />
      </Section>
      <Section title="Workloads">
        <WorkloadsTable workloads={detail.workloadItems} />
      </Section>
      <Section title="Pods">
        <PodsTable pods={detail.pods} />
      </Section>
      <Section title="Istio config">
        <ConfigTable refs={s.config} />
      </Section>
    </div>
  );
}

export function ApplicationOverview({ detail }: { detail: ApplicationDetail }) {
  const a = detail.item;
  return (
    <div className="space-y-5">
      <Section title="Health">
        <HealthFacts health={a.health} />
      </Section>
      <Section title="Labels">
        <LabelList labels={a.labels} />
      </Section>
      <Section title="Versions and subsets">
        <p className="text-sm">
          Versions: <span className="font-mono">{a.versions.join(", ")}</span>
        </p>
        <SubsetsTable subsets={detail.subsets} />
      </Section>
      <Section title="Workloads">
        <WorkloadsTable workloads={detail.workloadItems} />
      </Section>
      <Section title="Services">
        <ServicesList services={detail.serviceItems} namespace={a.namespace} />
      </Section>
      <Section title="Pods">
        <PodsTable pods={detail.pods} />
      </Section>
      <Section title="Istio config">
        <ConfigTable refs={a.config} />
      </Section>
    </div>
  );
}
