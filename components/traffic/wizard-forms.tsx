"use client";

import type { ReactNode } from "react";
import type { TrafficState, WizardId, WizardInputs } from "@/lib/contracts/traffic";
import { CircuitBreakerForm } from "./circuit-breaker-form";
import { FaultInjectionForm } from "./fault-injection-form";
import { MirroringForm } from "./mirroring-form";
import { RequestRoutingForm } from "./request-routing-form";
import { TimeoutsRetriesForm } from "./timeouts-retries-form";
import { TrafficShiftingForm } from "./traffic-shifting-form";

type FormProps<W extends WizardId> = {
  state: TrafficState;
  value: WizardInputs[W];
  onChange(value: WizardInputs[W]): void;
};

/** The form of each wizard, as data: a new wizard is a new row. */
const forms: { [W in WizardId]: (props: FormProps<W>) => ReactNode } = {
  "traffic-shifting": (p) => <TrafficShiftingForm {...p} protocol="HTTP" />,
  "tcp-traffic-shifting": (p) => <TrafficShiftingForm {...p} protocol="TCP" />,
  "request-routing": (p) => <RequestRoutingForm {...p} />,
  "fault-injection": (p) => <FaultInjectionForm {...p} />,
  "timeouts-retries": (p) => <TimeoutsRetriesForm {...p} />,
  "circuit-breaker": (p) => <CircuitBreakerForm {...p} />,
  mirroring: (p) => <MirroringForm {...p} />,
};

export function WizardForm<W extends WizardId>({ wizard, ...props }: FormProps<W> & { wizard: W }) {
  const render = forms[wizard] as (p: FormProps<W>) => ReactNode;
  return render(props);
}
