/** istiod's ValidateVirtualService, rule family by rule family, in istiod's order. */
import type { VirtualServiceSpec } from "../../types";
import { checkExportTo } from "../common-checks";
import { MESSAGES as M } from "../messages";
import type { Findings } from "../types";
import { checkVirtualServiceHosts } from "./hosts";
import { checkHttpRoute } from "./http-route";
import { checkTcpRoute, checkTlsRoute } from "./l4-routes";
import { checkUnreachableHttpRules, checkUnreachableRules } from "./unreachable-rules";

export function checkVirtualService(f: Findings, spec: VirtualServiceSpec, namespace: string | undefined): void {
  checkVirtualServiceHosts(f, spec);
  const isDelegate = (spec.hosts ?? []).length === 0;
  (spec.http ?? []).forEach((http, i) => {
    if (!http) f.error(`spec/http[${i}]`, M.httpRouteNull());
    else checkHttpRoute(f, `spec/http[${i}]`, http, isDelegate);
  });
  (spec.tls ?? []).forEach((tls, i) => tls && checkTlsRoute(f, `spec/tls[${i}]`, tls, spec));
  (spec.tcp ?? []).forEach((tcp, i) => tcp && checkTcpRoute(f, `spec/tcp[${i}]`, tcp));
  checkExportTo(f, "spec/exportTo", namespace, spec.exportTo);
  checkUnreachableHttpRules(f, spec.http);
  checkUnreachableRules(f, "spec/tcp", spec.tcp, false);
  checkUnreachableRules(f, "spec/tls", spec.tls, false);
}
