/** The parts of istiod's ValidateSidecar a console user is likely to hit. */
import type { SidecarSpec } from "../types";
import { validatePort } from "./common-checks";
import { MESSAGES as M } from "./messages";
import type { Findings } from "./types";

export function checkSidecar(f: Findings, spec: SidecarSpec): void {
  if (spec.workloadSelector && Object.keys(spec.workloadSelector.labels ?? {}).length === 0)
    f.warn("spec/workloadSelector", M.sidecarSelectorNoLabels());
  if ((spec.egress ?? []).length === 0 && (spec.ingress ?? []).length === 0 && !spec.outboundTrafficPolicy) {
    f.error("spec", M.sidecarEmpty());
    return;
  }
  (spec.ingress ?? []).forEach((ing, i) => {
    if (!ing.port) f.error(`spec/ingress[${i}]/port`, M.sidecarIngressPort());
    else f.error(`spec/ingress[${i}]/port/number`, validatePort(ing.port.number ?? 0));
  });
  const egress = spec.egress ?? [];
  egress.forEach((eg, i) => {
    if (!eg.port && i !== egress.length - 1) f.error(`spec/egress[${i}]`, M.sidecarCatchAllLast());
    if ((eg.hosts ?? []).length === 0) f.error(`spec/egress[${i}]/hosts`, M.sidecarEgressHosts());
  });
}
