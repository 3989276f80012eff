/**
 * The wizard dialog and the expose dialog as a user opens them, over a faked /api/traffic answer:
 * TCP traffic shifting is offered only for a service with a port Istio routes as TCP, and the
 * expose form words its errors like the wizards do.
 */
import { cleanup, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TrafficState } from "@/lib/contracts/traffic";
import { ExposeServiceButton } from "./expose-service-dialog";
import { WizardDialog } from "./wizard-dialog";
import { renderWithQueryClient } from "@/components/test-support/render-with-query-client";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const split = { routes: [{ subset: "v1", weight: 100 }] };
const trafficState = (ports: TrafficState["ports"]): TrafficState => ({
  namespace: "bookinfo",
  service: "reviews",
  host: "reviews.bookinfo.svc.cluster.local",
  ports,
  subsets: [{ name: "v1", labels: { version: "v1" }, inDestinationRule: true, workloads: ["reviews-v1"] }],
  virtualService: null,
  destinationRule: null,
  wizards: {
    "traffic-shifting": { supported: true, input: split },
    "tcp-traffic-shifting": { supported: true, input: split },
    "request-routing": { supported: true, input: { rules: [{ matches: [], routes: split.routes }] } },
    "fault-injection": { supported: true, input: { target: { kind: "all" }, delay: null, abort: null } },
    "timeouts-retries": { supported: true, input: { target: { kind: "all" }, timeout: null, retries: null } },
    "circuit-breaker": {
      supported: true,
      input: {
        maxConnections: null,
        http1MaxPendingRequests: null,
        maxRequestsPerConnection: null,
        consecutive5xxErrors: null,
        interval: null,
        baseEjectionTime: null,
        maxEjectionPercent: null,
      },
    },
    mirroring: { supported: true, input: { target: { kind: "all" }, mirror: null } },
  },
});
const httpOnly = trafficState([{ name: "http", port: 9080, protocol: "TCP", traffic: "http" }]);
const withTcp = trafficState([
  { name: "http", port: 9080, protocol: "TCP", traffic: "http" },
  { name: "tcp-stats", port: 9090, protocol: "TCP", traffic: "tcp" },
]);

function answerWith(state: TrafficState) {
  vi.spyOn(globalThis, "fetch").mockImplementation(async () => Response.json(state));
}

describe("Traffic shifting", () => {
  it("offers no TCP choice for a service whose ports are all HTTP", async () => {
    answerWith(httpOnly);
    renderWithQueryClient(
      <WizardDialog
        namespace="bookinfo"
        service="reviews"
        wizard="traffic-shifting"
        onSwitch={vi.fn()}
        onClose={vi.fn()}
      />,
    );
    expect(await screen.findByRole("button", { name: "Preview changes" })).toBeTruthy();
    expect(screen.queryByRole("radio", { name: "TCP connections" })).toBeNull();
  });

  it("offers TCP connections for a service with a TCP port, and switches to TCP traffic shifting", async () => {
    answerWith(withTcp);
    const onSwitch = vi.fn();
    renderWithQueryClient(
      <WizardDialog
        namespace="bookinfo"
        service="reviews"
        wizard="traffic-shifting"
        onSwitch={onSwitch}
        onClose={vi.fn()}
      />,
    );
    const tcp = await screen.findByRole("radio", { name: "TCP connections" });
    await userEvent.setup().click(tcp);
    expect(onSwitch).toHaveBeenCalledWith("tcp-traffic-shifting");
  });

  it("opened as TCP for an HTTP-only service (an old link), says why and offers HTTP instead", async () => {
    answerWith(httpOnly);
    const onSwitch = vi.fn();
    renderWithQueryClient(
      <WizardDialog
        namespace="bookinfo"
        service="reviews"
        wizard="tcp-traffic-shifting"
        onSwitch={onSwitch}
        onClose={vi.fn()}
      />,
    );
    expect((await screen.findByRole("alert")).textContent).toContain("reviews has no port Istio routes as TCP");
    expect(screen.queryByRole("button", { name: "Preview changes" })).toBeNull();
    await userEvent.setup().click(screen.getByRole("button", { name: "Shift HTTP traffic instead" }));
    expect(onSwitch).toHaveBeenCalledWith("traffic-shifting");
  });
});

describe("Expose this service", () => {
  it("words a host error under the field once the user leaves it, never as a path", async () => {
    answerWith(httpOnly);
    const user = userEvent.setup();
    renderWithQueryClient(<ExposeServiceButton namespace="bookinfo" service="reviews" />);
    await user.click(screen.getByRole("button", { name: "Expose this service" }));
    const host = await screen.findByRole("textbox", { name: "Host" });
    expect(screen.queryByText(/must be|host:/)).toBeNull();
    await user.type(host, "reviews");
    await user.tab();
    const describedBy = host.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(describedBy)?.textContent).toMatch(/^Host must be a host name such as /);
    expect(document.body.textContent).not.toContain("host:");
  });
});
