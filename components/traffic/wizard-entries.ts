import { wizardIds } from "@/lib/contracts/traffic";

/**
 * The wizards offered as entries for a service (the service page's buttons, the graph's node
 * menu). TCP traffic shifting is not one of them: neither place knows the service's ports, so
 * the Traffic shifting dialog offers it once it has read them, and only for a service with a
 * port Istio routes as TCP (traffic-protocol-switch.tsx).
 */
export const wizardEntries = wizardIds.filter((id) => id !== "tcp-traffic-shifting");
