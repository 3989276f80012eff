/** A node's panel on the circuit-breaking task: why its callers got 503 UO, and who they were. */
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GraphResponse } from "@/lib/contracts/graph";
import type { NodeFlagExplanationResponse } from "@/lib/contracts/flag-explanation";
import { toViewGraph } from "@/lib/graph-view/view-model";
import { NodePanel } from "./node-panel";
import { renderWithQueryClient } from "@/components/test-support/render-with-query-client";

const host = { "httpbin.httpbin.svc.cluster.local": "100.0" };

/** fortio and sleep → httpbin as the workload graph draws them: only fortio's requests overflow. */
const response: GraphResponse = {
  timestamp: 1_800_000_000,
  duration: 60,
  graphType: "workload",
  elements: {
    nodes: [
      { data: { id: "f", nodeType: "workload", cluster: "c", namespace: "httpbin", workload: "fortio-deploy" } },
      { data: { id: "sl", nodeType: "workload", cluster: "c", namespace: "httpbin", workload: "sleep" } },
      {
        data: {
          id: "s",
          nodeType: "service",
          cluster: "c",
          namespace: "httpbin",
          service: "httpbin",
          traffic: [{ protocol: "http", rates: { httpIn: "20.00", httpIn5xx: "4.00" } }],
        },
      },
    ],
    edges: [
      {
        data: {
          id: "e-f",
          source: "f",
          target: "s",
          traffic: {
            protocol: "http",
            rates: { http: "10.00", http5xx: "4.00" },
            responses: {
              "200": { flags: { "-": "60.0" }, hosts: host },
              "503": { flags: { UO: "40.0" }, hosts: host },
            },
          },
        },
      },
      {
        data: {
          id: "e-sl",
          source: "sl",
          target: "s",
          traffic: {
            protocol: "http",
            rates: { http: "10.00" },
            responses: { "200": { flags: { "-": "100.0" }, hosts: host } },
          },
        },
      },
    ],
  },
};
const graph = toViewGraph(response);

/** The server's answer, figures by hand: fortio's 4 of 21 requests/s, and a caller the graph does not draw. */
const explanation: NodeFlagExplanationResponse = {
  namespace: "httpbin",
  kind: "service",
  name: "httpbin",
  timestamp: 1_800_000_000,
  duration: 60,
  requestRate: 21,
  flags: [
    {
      flag: "UO",
      code: "503",
      percent: 23.8,
      meaning: "upstream overflow: the connection pool was full (circuit breaking)",
      explained: true,
      because: ["DestinationRule httpbin/httpbin limits the connection pool (maxConnections 1)."],
      causes: [
        {
          kind: "DestinationRule",
          namespace: "httpbin",
          name: "httpbin",
          path: "spec/trafficPolicy/connectionPool/tcp/maxConnections",
          value: "1",
          line: 11,
        },
      ],
      figures: [{ label: "Observed concurrency", value: "1.50 requests in flight" }],
      callers: [
        {
          namespace: "httpbin",
          workload: "fortio-deploy",
          app: "fortio",
          service: { namespace: "httpbin", name: "httpbin" },
          percent: 19,
        },
        {
          namespace: "load",
          workload: "fortio-load",
          service: { namespace: "httpbin", name: "httpbin" },
          percent: 4.8,
        },
      ],
    },
  ],
  notes: [],
};

const fetchMock = vi.fn((input: RequestInfo | URL) => {
  const url = String(input);
  if (url.includes("/graph/explain-node?"))
    return Promise.resolve(
      new Response(JSON.stringify(explanation), { status: 200, headers: { "Content-Type": "application/json" } }),
    );
  // The panel's charts and traces are not what this test reads.
  return new Promise<Response>(() => undefined);
});

function renderPanel(nodeId: string, onSelectEdge = vi.fn()) {
  renderWithQueryClient(<NodePanel node={graph.nodeById.get(nodeId)!} graph={graph} onSelectEdge={onSelectEdge} />);
  return onSelectEdge;
}

const explainNodeCalls = () => fetchMock.mock.calls.map(([u]) => String(u)).filter((u) => u.includes("explain-node"));

describe("the node panel's response-flag explanation", () => {
  beforeEach(() => vi.stubGlobal("fetch", fetchMock));
  afterEach(() => {
    cleanup();
    fetchMock.mockClear();
  });

  describe("on the httpbin service, whose inbound edge from fortio carries UO", () => {
    it("asks for the node's explanation over the graph's window", async () => {
      renderPanel("s");
      await screen.findByTestId("flag-explanation");
      expect(explainNodeCalls()).toEqual([
        "/api/namespaces/httpbin/graph/explain-node?kind=service&name=httpbin&duration=60s&queryTime=1800000000",
      ]);
    });

    it("shows the flag's share of the node's requests and links the cause to its line", async () => {
      renderPanel("s");
      const card = await screen.findByTestId("flag-explanation");
      expect(card.textContent).toContain("503 UO");
      expect(card.textContent).toContain("23.8%");
      expect(card.textContent).toContain("limits the connection pool");
      const link = within(card).getByRole("link", { name: /DestinationRule httpbin\/httpbin, line 11/ });
      expect(link.getAttribute("href")).toMatch(/&line=11$/);
    });

    it("lists the callers the share came from, and opens a drawn caller's edge", async () => {
      const onSelectEdge = renderPanel("s");
      const callers = await screen.findByTestId("flag-callers");
      expect(callers.textContent).toContain("fortio-deploy (httpbin)19.0%");
      expect(callers.textContent).toContain("fortio-load (load)4.8%");
      // The caller the graph does not draw is named, not a button.
      expect(
        within(callers)
          .getAllByRole("button")
          .map((b) => b.textContent),
      ).toEqual(["fortio-deploy (httpbin)"]);
      fireEvent.click(within(callers).getByRole("button", { name: "fortio-deploy (httpbin)" }));
      expect(onSelectEdge).toHaveBeenCalledWith("e-f");
    });
  });

  it("asks nothing for a node none of whose inbound edges has errors, and lists a caller's failing calls", () => {
    const onSelectEdge = renderPanel("f");
    expect(screen.queryByText("Why these response flags")).toBeNull();
    expect(explainNodeCalls()).toEqual([]);
    const failing = screen.getByRole("heading", { name: "Failing calls (open one for why)" }).closest("section")!;
    fireEvent.click(within(failing).getByRole("button", { name: /httpbin/ }));
    expect(onSelectEdge).toHaveBeenCalledWith("e-f");
  });

  it("lists no failing calls for a caller whose calls all succeed", () => {
    renderPanel("sl");
    expect(screen.queryByText("Failing calls (open one for why)")).toBeNull();
  });
});
