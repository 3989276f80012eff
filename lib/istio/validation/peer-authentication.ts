/** istiod's ValidatePeerAuthentication: port-level mTLS needs a workload selector and valid ports. */
import type { PeerAuthenticationSpec } from "../types";
import { checkWorkloadSelector } from "./common-checks";
import { MESSAGES as M } from "./messages";
import type { Findings } from "./types";

export function checkPeerAuthentication(f: Findings, spec: PeerAuthenticationSpec): void {
  const emptySelector = !spec.selector || Object.keys(spec.selector.matchLabels ?? {}).length === 0;
  const portLevel = spec.portLevelMtls;
  if (emptySelector && portLevel && Object.keys(portLevel).length > 0)
    f.error("spec/portLevelMtls", M.paPortLevelWithoutSelector());
  if (portLevel && Object.keys(portLevel).length === 0) f.error("spec/portLevelMtls", M.paPortLevelEmpty());
  for (const port of Object.keys(portLevel ?? {})) {
    const n = Number(port);
    if (!Number.isInteger(n) || n <= 0 || n > 65535) f.error(`spec/portLevelMtls/${port}`, M.paPortRange());
  }
  checkWorkloadSelector(f, "spec/selector", spec.selector);
}
