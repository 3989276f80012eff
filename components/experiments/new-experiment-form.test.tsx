/**
 * The experiment form as a user fills it, over faked API answers: namespace, service and
 * subsets are picked from what the cluster has (no typing), a subset the server would refuse
 * cannot be picked, and the experiment starts with exactly what was picked.
 */
import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ExperimentDetail } from "@/lib/contracts/experiments";
import type { ServiceItem } from "@/lib/contracts/inventory";
import type { TrafficState } from "@/lib/contracts/traffic";
import { NewExperimentForm, type NewExperimentStart } from "./new-experiment-form";
import { renderWithQueryClient } from "@/components/test-support/render-with-query-client";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const service = (name: string): ServiceItem => ({
  namespace: "bookinfo",
  name,
  labels: {},
  selector: { app: name },
  ports: [{ name: "http", port: 9080, protocol: "TCP" }],
  versions: [],
  workloads: [],
  podsWithoutSidecar: 0,
  podsOutOfMesh: 0,
  health: { status: "healthy", reasons: [] },
  config: [],
});

const unsupported = { supported: false as const, reason: "not needed here" };
const reviewsState: TrafficState = {
  namespace: "bookinfo",
  service: "reviews",
  host: "reviews.bookinfo.svc.cluster.local",
  ports: [{ name: "http", port: 9080, protocol: "TCP", traffic: "http" }],
  subsets: [
    { name: "v1", labels: { version: "v1" }, inDestinationRule: true, workloads: ["reviews-v1"] },
    { name: "v2", labels: { version: "v2" }, inDestinationRule: true, workloads: ["reviews-v2"] },
    { name: "v3", labels: { version: "v3" }, inDestinationRule: true, workloads: ["reviews-v3"] },
    { name: "v4", labels: { version: "v4" }, inDestinationRule: false, workloads: ["reviews-v4"] },
  ],
  virtualService: null,
  destinationRule: null,
  wizards: {
    "traffic-shifting": unsupported,
    "tcp-traffic-shifting": unsupported,
    "request-routing": unsupported,
    "fault-injection": unsupported,
    "timeouts-retries": unsupported,
    "circuit-breaker": unsupported,
    mirroring: unsupported,
  },
};

/** Answers the form's reads like the console's API, and records what it posts. */
function fakeApi() {
  const posted: unknown[] = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = String(input);
    if (url === "/api/namespaces")
      return Response.json({
        namespaces: ["bookinfo", "istio-system"].map((name) => ({ name, labels: {}, phase: "Active" })),
      });
    if (url === "/api/namespaces/bookinfo/services")
      return Response.json({ namespace: "bookinfo", items: [service("productpage"), service("reviews")] });
    if (url === "/api/traffic/bookinfo/reviews") return Response.json(reviewsState);
    if (url === "/api/auth/session")
      return Response.json({ signedIn: true, user: "alice", groups: [], strategy: "anonymous", csrfToken: "t" });
    if (url === "/api/experiments" && init?.method === "POST") {
      const { spec } = JSON.parse(String(init.body)) as { spec: ExperimentDetail["spec"] };
      posted.push(spec);
      return Response.json(detailOf(spec), { status: 201 });
    }
    return Response.json({ error: { code: "not_found", message: `no fake for ${url}` } }, { status: 404 });
  });
  return posted;
}

function detailOf(spec: ExperimentDetail["spec"]): ExperimentDetail {
  return {
    id: "e1",
    kind: spec.kind,
    namespace: spec.namespace,
    service: spec.service,
    status: "pending",
    phase: "pending",
    verdict: null,
    summary: null,
    command: null,
    actor: "alice",
    actorGroups: [],
    kubeContext: null,
    clusterId: null,
    createdAt: "2026-12-05T10:00:00.000Z",
    startedAt: null,
    finishedAt: null,
    currentWeight: null,
    currentStep: null,
    clock: { phaseStartedAt: null, deadline: null },
    spec,
    events: [],
  };
}

function renderForm(start: NewExperimentStart, onCreated = vi.fn()) {
  renderWithQueryClient(<NewExperimentForm start={start} onCreated={onCreated} />);
  return onCreated;
}

const form = () => screen.getByRole("form", { name: "New experiment" });
const picker = (label: string) => within(form()).getByLabelText(label, { selector: "select" });
/** The first answer can take a while on a cold, shared machine; later ones come from warm modules. */
const firstAnswer = { timeout: 5000 };
const optionNames = (select: HTMLElement) =>
  within(select)
    .getAllByRole("option")
    .map((o) => o.textContent);

describe("the new experiment form", () => {
  it("starts a canary from picks alone: namespace, service, A and B come from the cluster", async () => {
    const posted = fakeApi();
    const onCreated = renderForm({ kind: "canary", namespace: "", service: "" });
    const user = userEvent.setup();

    await screen.findByRole("option", { name: "bookinfo" }, firstAnswer);
    expect(picker("Service")).toHaveProperty("disabled", true);
    await user.selectOptions(picker("Namespace"), "bookinfo");
    await screen.findByRole("option", { name: "reviews" }, firstAnswer);
    expect(optionNames(picker("Service"))).toEqual(["Choose a service", "productpage", "reviews"]);
    await user.selectOptions(picker("Service"), "reviews");
    await within(picker("From subset (A)")).findByRole("option", { name: "v1 (reviews-v1)" }, firstAnswer);
    await user.selectOptions(picker("From subset (A)"), "v1");
    await user.selectOptions(picker("To subset (B)"), "v3");
    await user.click(within(form()).getByRole("button", { name: "Start experiment" }));

    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith("e1"));
    expect(posted).toEqual([
      expect.objectContaining({
        kind: "canary",
        namespace: "bookinfo",
        service: "reviews",
        from: "v1",
        to: "v3",
        gates: { minSuccessRate: 99, minRequests: 5 },
      }),
    ]);
  });

  it("shows subsets the server would refuse, and A's subset in B's list, without letting them be picked", async () => {
    fakeApi();
    renderForm({ kind: "canary", namespace: "bookinfo", service: "reviews" });
    const user = userEvent.setup();
    await within(picker("From subset (A)")).findByRole("option", { name: "v1 (reviews-v1)" }, firstAnswer);
    await user.selectOptions(picker("From subset (A)"), "v1");

    const to = picker("To subset (B)");
    const disabled = within(to)
      .getAllByRole<HTMLOptionElement>("option")
      .filter((o) => o.disabled)
      .map((o) => o.textContent);
    expect(disabled).toEqual(["v1 (already A)", "v4 (not in a DestinationRule yet)"]);
  });

  it("starts in the namespace it is given, and says what is missing in the form's words", async () => {
    const posted = fakeApi();
    renderForm({ kind: "canary", namespace: "bookinfo", service: "" });
    const user = userEvent.setup();
    await screen.findByRole("option", { name: "reviews" }, firstAnswer);
    expect(picker("Namespace")).toHaveProperty("value", "bookinfo");

    await user.click(within(form()).getByRole("button", { name: "Start experiment" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Service is required");
    expect(alert.textContent).toContain("From subset (A) is required");
    expect(posted).toEqual([]);
  });

  it("keeps a linked service the namespace no longer has, marked as not found rather than swapped", async () => {
    fakeApi();
    renderForm({ kind: "canary", namespace: "bookinfo", service: "details" });
    await screen.findByRole("option", { name: "details (not found)" }, firstAnswer);
    expect(picker("Service")).toHaveProperty("value", "details");
  });

  it("clears the picked subsets when another service is picked", async () => {
    fakeApi();
    renderForm({ kind: "canary", namespace: "bookinfo", service: "reviews" });
    const user = userEvent.setup();
    await within(picker("From subset (A)")).findByRole("option", { name: "v1 (reviews-v1)" }, firstAnswer);
    await user.selectOptions(picker("From subset (A)"), "v1");
    await user.selectOptions(picker("Service"), "productpage");
    expect(picker("From subset (A)")).toHaveProperty("value", "");
  });
});
