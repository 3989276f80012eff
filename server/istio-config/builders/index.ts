/**
 * The wizards as data: each row reads the live objects into its form and builds the
 * desired objects from the form. A new wizard is a new row (and a new builder file).
 */
import "server-only";
import type { WizardId, WizardInputs } from "@/lib/contracts/traffic";
import { buildCircuitBreaker, readCircuitBreaker } from "./circuit-breaker";
import type { WizardBuilt, WizardExisting, WizardReading } from "./common";
import { buildFaultInjection, readFaultInjection } from "./fault-injection";
import { buildMirroring, readMirroring } from "./mirroring";
import { buildRequestRouting, readRequestRouting } from "./request-routing";
import { buildTcpTrafficShifting, readTcpTrafficShifting } from "./tcp-traffic-shifting";
import { buildTimeoutsRetries, readTimeoutsRetries } from "./timeouts-retries";
import { buildTrafficShifting, readTrafficShifting } from "./traffic-shifting";

export interface WizardBuilder<W extends WizardId> {
  read(existing: WizardExisting, subsets: string[]): WizardReading<WizardInputs[W]>;
  build(existing: WizardExisting, input: WizardInputs[W]): WizardBuilt;
}

export const wizardBuilders: { [W in WizardId]: WizardBuilder<W> } = {
  "traffic-shifting": { read: readTrafficShifting, build: buildTrafficShifting },
  "tcp-traffic-shifting": { read: readTcpTrafficShifting, build: buildTcpTrafficShifting },
  "request-routing": { read: readRequestRouting, build: buildRequestRouting },
  "fault-injection": { read: readFaultInjection, build: buildFaultInjection },
  "timeouts-retries": { read: readTimeoutsRetries, build: buildTimeoutsRetries },
  "circuit-breaker": { read: readCircuitBreaker, build: buildCircuitBreaker },
  mirroring: { read: readMirroring, build: buildMirroring },
};

export type { WizardBuilt, WizardExisting, WizardReading, WizardUnsupported, ServiceRef } from "./common";
export { subsetNameForVersion, serviceHosts, isServiceHost } from "./common";
