/**
 * One Envoy access-log line of an Istio proxy, as typed fields: the shape shared by the
 * parser (parse-access-line.ts), the console's logs API (lib/contracts/logs.ts) and the
 * page. Field order and meaning follow Istio's default TEXT format (the operators are listed
 * in parse-text-line.ts); `-` (Envoy's "empty") becomes undefined.
 */
import { z } from "zod";

export const trafficDirections = ["inbound", "outbound", "unknown"] as const;
export type TrafficDirection = (typeof trafficDirections)[number];

/** `%UPSTREAM_CLUSTER_RAW%` taken apart: `outbound|9080|v1|ratings.bookinfo.svc.cluster.local`, `inbound|9080||`. */
export const upstreamClusterSchema = z.object({
  /** The whole name, e.g. `PassthroughCluster` for a cluster that is not one of Istio's `|` names. */
  name: z.string(),
  direction: z.enum(trafficDirections),
  port: z.number().optional(),
  subset: z.string().optional(),
  /** The service host (FQDN) of an outbound cluster. */
  serviceHost: z.string().optional(),
});
export type UpstreamCluster = z.infer<typeof upstreamClusterSchema>;

export const accessLogEntrySchema = z.object({
  format: z.enum(["text", "json"]),
  /** `%START_TIME%`, as logged (UTC, milliseconds). */
  startTime: z.string(),
  /** Undefined on TCP lines (`"- - -"`). */
  method: z.string().optional(),
  path: z.string().optional(),
  protocol: z.string().optional(),
  /** 0: no response was sent (TCP, a reset). */
  code: z.number(),
  /** Envoy's response flags (`UH`, `FI`, `UT`…); empty for `-`. */
  flags: z.array(z.string()),
  details: z.string().optional(),
  terminationDetails: z.string().optional(),
  transportFailure: z.string().optional(),
  bytesReceived: z.number(),
  bytesSent: z.number(),
  durationMs: z.number(),
  /** `x-envoy-upstream-service-time`: absent when no upstream answered. */
  upstreamServiceTimeMs: z.number().optional(),
  forwardedFor: z.string().optional(),
  userAgent: z.string().optional(),
  requestId: z.string().optional(),
  authority: z.string().optional(),
  upstreamHost: z.string().optional(),
  upstreamCluster: upstreamClusterSchema.optional(),
  upstreamLocalAddress: z.string().optional(),
  downstreamLocalAddress: z.string().optional(),
  downstreamRemoteAddress: z.string().optional(),
  serverName: z.string().optional(),
  /** `default` (Istio's default route), a VirtualService `http[].name`, or undefined. */
  routeName: z.string().optional(),
  /** Of the proxy that wrote the line: taken from the upstream cluster's name. */
  direction: z.enum(trafficDirections),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;
