import { describe, expect, it } from "vitest";
import type { AuditEntry, AuditObject } from "@/server/adapters/db/audit-entries";
import { findAuditedKind, type AuditedKind } from "./audited-kinds";
import { judgeObservedVersion, outcomeOfStaleIntent, type ObservedVersion } from "./judge-change";

function kindOf(kind: string): AuditedKind {
  const row = findAuditedKind(kind);
  if (!row) throw new Error(`${kind} is audited`);
  return row;
}
const dr = kindOf("DestinationRule");
const namespace = kindOf("Namespace");
const context = { kind: dr, clusterId: "cluster-a" };

const rule = (resourceVersion: string, outlier?: number): AuditObject => ({
  apiVersion: "networking.istio.io/v1",
  kind: "DestinationRule",
  metadata: { name: "reviews", namespace: "bookinfo", resourceVersion },
  spec: {
    host: "reviews",
    ...(outlier === undefined ? {} : { trafficPolicy: { outlierDetection: { consecutive5xxErrors: outlier } } }),
  },
});

let clock = 0;
function entry(fields: Partial<AuditEntry>): AuditEntry {
  clock += 1;
  return {
    id: `e${String(clock).padStart(3, "0")}`,
    createdAt: new Date(Date.UTC(2026, 11, 1, 12, 0, clock)),
    actor: "alice",
    actorGroups: [],
    action: "update",
    kind: "DestinationRule",
    namespace: "bookinfo",
    name: "reviews",
    before: null,
    after: null,
    comment: null,
    source: "wizard",
    status: "applied",
    error: null,
    resourceVersion: null,
    clusterId: "cluster-a",
    kubeContext: "sim",
    ...fields,
  };
}

const modified = (resourceVersion: string, recorded: AuditObject, previous?: AuditObject): ObservedVersion => ({
  type: "MODIFIED",
  resourceVersion,
  recorded,
  previous,
  atStart: false,
});

describe("judging an observed version of an Istio object", () => {
  it("takes a version an applied entry answered as already recorded (Topsail's own write)", () => {
    const ours = entry({ after: rule("12", 3), resourceVersion: "12" });
    expect(judgeObservedVersion(modified("12", rule("12", 3), rule("11")), [ours], context)).toEqual({
      verdict: "recorded",
      entryId: ours.id,
    });
  });

  it("waits while an entry of the object is pending, even when the content is the intended one", () => {
    const intent = entry({ status: "pending", after: rule("11", 3) });
    expect(judgeObservedVersion(modified("12", rule("12", 3), rule("11")), [intent], context)).toEqual({
      verdict: "wait",
      pending: [intent],
    });
  });

  it("does not take a version as Topsail's when the only entry naming it failed", () => {
    const failed = entry({ status: "failed", error: "409 Conflict", after: rule("11", 3), resourceVersion: "12" });
    expect(judgeObservedVersion(modified("12", rule("12", 3), rule("11")), [failed], context)).toEqual({
      verdict: "external",
      action: "update",
      before: rule("11"),
      after: rule("12", 3),
    });
  });

  it("records an outside change with the version the watcher saw before it", () => {
    const ours = entry({ after: rule("11"), resourceVersion: "11" });
    expect(judgeObservedVersion(modified("12", rule("12", 5), rule("11")), [ours], context)).toMatchObject({
      verdict: "external",
      before: rule("11"),
      after: rule("12", 5),
    });
  });

  it("does not record a status update: same spec, labels and annotations as the version before", () => {
    const withStatus = { ...rule("13", 5), status: { validationMessages: [] } };
    expect(judgeObservedVersion(modified("13", withStatus, rule("12", 5)), [], context)).toEqual({
      verdict: "unchanged",
    });
  });

  it("ignores entries recorded on another cluster", () => {
    const elsewhere = entry({ after: rule("12", 3), resourceVersion: "12", clusterId: "cluster-b" });
    const pendingElsewhere = entry({ status: "pending", clusterId: "cluster-b" });
    expect(
      judgeObservedVersion(modified("12", rule("12", 3), rule("11")), [elsewhere, pendingElsewhere], context),
    ).toMatchObject({ verdict: "external" });
  });

  it("at start, compares an object with the last version the log recorded, and skips objects the log never recorded", () => {
    const atStart = (recorded: AuditObject): ObservedVersion => ({
      type: "ADDED",
      resourceVersion: "20",
      recorded,
      previous: undefined,
      atStart: true,
    });
    const last = entry({ after: rule("15", 3), resourceVersion: "15" });
    expect(judgeObservedVersion(atStart(rule("20", 3)), [last], context)).toEqual({ verdict: "unchanged" });
    expect(judgeObservedVersion(atStart(rule("20", 8)), [last], context)).toEqual({
      verdict: "external",
      action: "update",
      before: rule("15", 3),
      after: rule("20", 8),
    });
    expect(judgeObservedVersion(atStart(rule("20", 8)), [], context)).toEqual({ verdict: "unchanged" });
  });

  it("records a create seen happening as an external create, also of an object Topsail deleted before", () => {
    const created: ObservedVersion = {
      type: "ADDED",
      resourceVersion: "30",
      recorded: rule("30"),
      previous: undefined,
      atStart: false,
    };
    expect(judgeObservedVersion(created, [], context)).toEqual({
      verdict: "external",
      action: "create",
      before: null,
      after: rule("30"),
    });
    const deletedByTopsail = entry({ action: "delete", before: rule("25"), after: null });
    expect(judgeObservedVersion(created, [deletedByTopsail], context)).toEqual({
      verdict: "external",
      action: "create",
      before: null,
      after: rule("30"),
    });
  });
});

describe("judging a delete", () => {
  const deleted = (previous?: AuditObject): ObservedVersion => ({
    type: "DELETED",
    resourceVersion: "40",
    recorded: rule("40", 3),
    previous,
    atStart: false,
  });

  it("takes it as Topsail's when the newest entry that did not fail is an applied delete", () => {
    const ours = entry({ action: "delete", before: rule("39", 3), after: null });
    const failedRetry = entry({ status: "failed", error: "404 Not Found", after: rule("39", 4) });
    expect(judgeObservedVersion(deleted(rule("39", 3)), [ours, failedRetry], context)).toEqual({
      verdict: "recorded",
      entryId: ours.id,
    });
  });

  it("waits for a pending delete", () => {
    const intent = entry({ status: "pending", action: "delete", after: null });
    expect(judgeObservedVersion(deleted(rule("39", 3)), [intent], context)).toMatchObject({ verdict: "wait" });
  });

  it("is external when the object was recreated after Topsail's delete", () => {
    const ours = entry({ action: "delete", after: null });
    const recreated = entry({ source: "external", action: "create", after: rule("38", 3), resourceVersion: "38" });
    expect(judgeObservedVersion(deleted(rule("38", 3)), [ours, recreated], context)).toEqual({
      verdict: "external",
      action: "delete",
      before: rule("38", 3),
      after: null,
    });
  });
});

describe("judging a Namespace: only its injection labels are audited", () => {
  const labels = (injection: string | null, rev: string | null = null): AuditObject => ({
    "metadata.labels": { "istio-injection": injection, "istio.io/rev": rev },
  });
  const nsContext = { kind: namespace, clusterId: "cluster-a" };

  it("records each kind's audited part: the injection keys, missing ones as null", () => {
    expect(
      namespace.record({ metadata: { name: "bookinfo", labels: { "istio-injection": "enabled", team: "a" } } }),
    ).toEqual(labels("enabled"));
    expect(
      kindOf("Deployment").record({
        spec: { template: { metadata: { annotations: { "sidecar.istio.io/inject": "false" } } } },
      }),
    ).toEqual({
      "spec.template.metadata.annotations": { "sidecar.istio.io/inject": "false" },
    });
  });

  it("does not record a change of other labels, nor the namespace's deletion", () => {
    expect(judgeObservedVersion(modified("7", labels("enabled"), labels("enabled")), [], nsContext)).toEqual({
      verdict: "unchanged",
    });
    expect(
      judgeObservedVersion(
        {
          type: "DELETED",
          resourceVersion: "8",
          recorded: labels("enabled"),
          previous: labels("enabled"),
          atStart: false,
        },
        [],
        nsContext,
      ),
    ).toEqual({ verdict: "unchanged" });
  });

  it("records an injection label change as an update of the labels, also on a new namespace", () => {
    expect(judgeObservedVersion(modified("7", labels("disabled"), labels("enabled")), [], nsContext)).toEqual({
      verdict: "external",
      action: "update",
      before: labels("enabled"),
      after: labels("disabled"),
    });
    const created: ObservedVersion = {
      type: "ADDED",
      resourceVersion: "9",
      recorded: labels(null, "canary"),
      previous: undefined,
      atStart: false,
    };
    expect(judgeObservedVersion(created, [], nsContext)).toEqual({
      verdict: "external",
      action: "update",
      before: labels(null),
      after: labels(null, "canary"),
    });
    expect(judgeObservedVersion({ ...created, recorded: labels(null) }, [], nsContext)).toEqual({
      verdict: "unchanged",
    });
  });

  it("at start, compares only the keys the toggle's last entry recorded", () => {
    const toggle = entry({
      kind: "Namespace",
      after: { "metadata.labels": { "istio-injection": "disabled" } },
      resourceVersion: "5",
    });
    const atStart = (recorded: AuditObject): ObservedVersion => ({
      type: "ADDED",
      resourceVersion: "6",
      recorded,
      previous: undefined,
      atStart: true,
    });
    expect(judgeObservedVersion(atStart(labels("disabled", "canary")), [toggle], nsContext)).toEqual({
      verdict: "unchanged",
    });
    expect(judgeObservedVersion(atStart(labels("enabled")), [toggle], nsContext)).toMatchObject({
      verdict: "external",
      before: toggle.after,
    });
  });
});

describe("resolving an intent its console left pending", () => {
  const reason = "the console stopped before the write's outcome was known; the live object does not hold this change";

  it("is applied at the live resourceVersion when the live object holds the intended content", () => {
    const intent = entry({ status: "pending", after: rule("11", 3) });
    expect(outcomeOfStaleIntent(intent, { resourceVersion: "14", recorded: rule("14", 3) }, dr, reason)).toEqual({
      status: "applied",
      after: rule("14", 3),
      resourceVersion: "14",
    });
  });

  it("failed, with the reason, when the live object does not hold it or is gone", () => {
    const intent = entry({ status: "pending", after: rule("11", 3) });
    expect(outcomeOfStaleIntent(intent, { resourceVersion: "14", recorded: rule("14", 9) }, dr, reason)).toEqual({
      status: "failed",
      error: reason,
    });
    expect(outcomeOfStaleIntent(intent, undefined, dr, reason)).toEqual({ status: "failed", error: reason });
  });

  it("a delete is applied when the object is gone, failed when it is still there", () => {
    const intent = entry({ status: "pending", action: "delete", after: null });
    expect(outcomeOfStaleIntent(intent, undefined, dr, reason)).toEqual({
      status: "applied",
      after: null,
      resourceVersion: null,
    });
    expect(outcomeOfStaleIntent(intent, { resourceVersion: "14", recorded: rule("14") }, dr, reason)).toEqual({
      status: "failed",
      error: reason,
    });
  });

  it("an injection toggle keeps the keys it set", () => {
    const intent = entry({
      kind: "Namespace",
      status: "pending",
      after: { "metadata.labels": { "istio-injection": "disabled" } },
    });
    const live = {
      resourceVersion: "30",
      recorded: { "metadata.labels": { "istio-injection": "disabled", "istio.io/rev": null } },
    };
    expect(outcomeOfStaleIntent(intent, live, namespace, reason)).toEqual({
      status: "applied",
      after: intent.after,
      resourceVersion: "30",
    });
  });
});
