/** HTTP fault injection: delay and/or abort, each with a valid percentage. */
import type { HTTPFaultInjection } from "../../types";
import { validateDuration, validatePercentage } from "../common-checks";
import { MESSAGES as M } from "../messages";
import type { Findings } from "../types";

export function checkFault(f: Findings, path: string, fault: HTTPFaultInjection | undefined): void {
  if (!fault) return;
  if (!fault.abort && !fault.delay) f.error(path, M.faultEmpty());
  const abort = fault.abort;
  if (abort) {
    f.error(`${path}/abort/percentage`, validatePercentage(abort.percentage));
    if (abort.grpcStatus !== undefined) {
      // gRPC status names are checked by the proto enum; any name istiod knows passes.
    } else if (abort.http2Error !== undefined) {
      f.error(`${path}/abort`, M.abortHttp2Unsupported());
    } else if (abort.httpStatus !== undefined) {
      // istiod's check is `status < 200 || status > 600` although its message says 599.
      if (abort.httpStatus < 200 || abort.httpStatus > 600)
        f.error(`${path}/abort/httpStatus`, M.httpStatusRange(abort.httpStatus));
    } else {
      f.warn(`${path}/abort`, M.abortNoErrorType());
    }
  }
  const delay = fault.delay;
  if (delay) {
    f.error(`${path}/delay/percentage`, validatePercentage(delay.percentage));
    if (delay.fixedDelay !== undefined) f.error(`${path}/delay/fixedDelay`, validateDuration(delay.fixedDelay));
    else if (delay.exponentialDelay !== undefined) {
      f.error(`${path}/delay/exponentialDelay`, validateDuration(delay.exponentialDelay));
      f.error(`${path}/delay/exponentialDelay`, M.exponentialDelayUnsupported());
    }
  }
}
