/**
 * Mirroring: owns `mirror` (a subset of the same service) and `mirrorPercentage` of one HTTP
 * rule (see rule-target.ts). The newer `mirrors[]` list and the old integer `mirrorPercent`
 * make the reader step aside rather than show half of them. A missing subset is added to
 * the DestinationRule from the workloads' `version` labels.
 */
import "server-only";
import type { MirroringInput } from "@/lib/contracts/traffic";
import {
  finishVirtualService,
  isServiceHost,
  startVirtualService,
  unsupported,
  withSubsets,
  type WizardBuilt,
  type WizardExisting,
  type WizardReading,
} from "./common";
import { dropBareTargetRule, ensureTargetRule, readTarget } from "./rule-target";

export function readMirroring(existing: WizardExisting): WizardReading<MirroringInput> {
  const http = existing.virtualService?.spec?.http ?? [];
  if (http.some((rule) => rule.mirrors !== undefined || rule.mirrorPercent !== undefined)) {
    return unsupported("a rule mirrors with `mirrors` or the old `mirrorPercent`, which the wizard does not show");
  }
  const read = readTarget(http, (rule) => rule.mirror !== undefined, "a mirror");
  if ("supported" in read) return read;
  const mirror = read.rule?.mirror;
  if (!mirror) return { supported: true, input: { target: read.target, mirror: null } };
  if (!isServiceHost(mirror.host, existing.service) || !mirror.subset)
    return unsupported(
      `the mirror goes to ${mirror.host ?? "no host"}${mirror.subset ? "" : " without a subset"}, not to a subset of ${existing.service.name}`,
    );
  return {
    supported: true,
    input: {
      target: read.target,
      mirror: { subset: mirror.subset, percentage: read.rule?.mirrorPercentage?.value ?? 100 },
    },
  };
}

export function buildMirroring(existing: WizardExisting, input: MirroringInput): WizardBuilt {
  const destinationRule = input.mirror ? withSubsets(existing, [input.mirror.subset], "mirror.subset") : undefined;
  const vs = startVirtualService(existing);
  const { http, index } = ensureTargetRule(vs, input.target, existing.service);
  const rule = http[index] ?? {};
  if (input.mirror) {
    rule.mirror = {
      ...rule.mirror,
      host: isServiceHost(rule.mirror?.host, existing.service) ? rule.mirror?.host : existing.service.name,
      subset: input.mirror.subset,
    };
    rule.mirrorPercentage = { value: input.mirror.percentage };
  } else {
    delete rule.mirror;
    delete rule.mirrorPercentage;
  }
  http[index] = rule;
  dropBareTargetRule(http, index, input.target);
  return { virtualService: finishVirtualService(existing, vs), destinationRule };
}
