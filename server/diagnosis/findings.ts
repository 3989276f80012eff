/**
 * Budget findings as validations: one entry per object at fault — a VirtualService (path into
 * its spec, `spec/http[0]/timeout`) or a caller workload whose own client behaviour is at
 * fault (path `client/<service>:<port>/timeout` or `…/tries`: the known call, which no
 * Kubernetes object holds). The same code and path found along several paths is reported
 * once, with the worst figure.
 */
import "server-only";
import type { ObjectValidation, ValidationCheck } from "@/lib/contracts/validations";
import type { CallHop, WorkloadNode } from "./call-hops";

export interface FindingTarget {
  kind: "VirtualService" | "Workload";
  namespace: string;
  name: string;
}

export function routeTarget(hop: CallHop): FindingTarget | undefined {
  if (!hop.route) return undefined;
  const meta = hop.route.virtualService.metadata;
  return { kind: "VirtualService", namespace: meta.namespace ?? "", name: meta.name ?? "" };
}

export function workloadTarget(node: WorkloadNode): FindingTarget {
  return { kind: "Workload", namespace: node.ref.namespace, name: node.ref.name };
}

export const rulePath = (hop: CallHop, field: string): string => `spec/http[${hop.route?.ruleIndex ?? 0}]/${field}`;
export const clientPath = (hop: CallHop, field: "timeout" | "tries"): string =>
  `client/${hop.call.service}:${hop.port}/${field}`;

export interface Findings {
  /** `weight` orders the same code+path found twice: the larger is kept. */
  add(target: FindingTarget, check: ValidationCheck, weight: number): void;
  toValidations(): ObjectValidation[];
}

export function createFindings(): Findings {
  const objects = new Map<
    string,
    { target: FindingTarget; checks: Map<string, { check: ValidationCheck; weight: number }> }
  >();
  return {
    add(target, check, weight) {
      const key = `${target.kind}/${target.namespace}/${target.name}`;
      let entry = objects.get(key);
      if (!entry) objects.set(key, (entry = { target, checks: new Map() }));
      const checkKey = `${check.code} ${check.path}`;
      const held = entry.checks.get(checkKey);
      if (!held || weight > held.weight) entry.checks.set(checkKey, { check, weight });
    },
    toValidations() {
      return [...objects.values()].map(({ target, checks }) => {
        const list = [...checks.values()].map((c) => c.check);
        return { ...target, valid: list.every((c) => c.severity !== "error"), checks: list };
      });
    },
  };
}
