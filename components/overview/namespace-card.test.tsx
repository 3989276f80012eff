import { cleanup, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { NamespaceOverview } from "@/lib/contracts/overview";
import { NamespaceCard } from "./namespace-card";
import { renderWithQueryClient } from "@/components/test-support/render-with-query-client";

const steps = (values: number[]): [number, number][] => values.map((v, i) => [1_700_000_000 + i * 30, v]);

const tcpEcho: NamespaceOverview = {
  name: "tcp-echo",
  labels: { "istio-injection": "enabled" },
  controlPlane: false,
  injection: { state: "enabled", pods: 3, podsWithoutSidecar: 0 },
  counts: { applications: 2, workloads: 3, services: 2 },
  health: { healthy: 0, degraded: 0, failure: 0, na: 2, unknown: 0 },
  config: { objects: 0, errors: 0, warnings: 0 },
  inboundRate: steps([0, 0, 0]),
  inboundTcpRate: steps([1024, 2048, 1536]),
};

function renderCard(ns: NamespaceOverview) {
  return renderWithQueryClient(<NamespaceCard ns={ns} sparklineMinutes={30} />);
}

describe("a namespace card's traffic", () => {
  // The injection control asks what the viewer may do; the card's traffic does not depend on the answer.
  beforeEach(() =>
    vi.stubGlobal(
      "fetch",
      vi.fn(() => new Promise<Response>(() => undefined)),
    ),
  );
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("shows a TCP-only namespace's bytes per second instead of saying it has no traffic", () => {
    renderCard(tcpEcho);
    const figure = screen.getByRole("figure", { name: "Inbound TCP, last 30 min" });
    expect(figure.textContent).toContain("now 1.5 KiB/s, peak 2.0 KiB/s");
    expect(screen.queryByText(/No inbound/)).toBeNull();
  });

  it("shows requests with the TCP rate beside them when a namespace has both", () => {
    renderCard({ ...tcpEcho, name: "bookinfo", inboundRate: steps([2, 3, 4]) });
    const figure = screen.getByRole("figure", { name: "Inbound requests, last 30 min" });
    expect(figure.textContent).toContain("now 4.00 rps, peak 4.00 rps · TCP: 1.5 KiB/s");
  });

  it("says there is no inbound traffic when there is none of either kind", () => {
    renderCard({ ...tcpEcho, name: "quiet", inboundTcpRate: steps([0, 0, 0]) });
    expect(screen.getByText("No inbound traffic in the last 30 min")).toBeTruthy();
    expect(screen.queryByRole("figure")).toBeNull();
  });

  it("marks a control-plane namespace as such, its card still named by the namespace alone", () => {
    renderCard({ ...tcpEcho, name: "istio-system", controlPlane: true });
    expect(screen.getByRole("article", { name: "istio-system" }).textContent).toContain("control plane");
  });
});
