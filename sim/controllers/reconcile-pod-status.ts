/**
 * The kubelet's part, for a one-node cluster: a new pod is bound to the node, its init
 * containers run to completion and its containers start and pass readiness at once. Pod IPs
 * come from the node's pod CIDR 10.244.0.0/16; container IDs are derived from the pod's uid
 * so they stay stable across restarts of the simulator.
 */
import type { KubeObject } from "../store/types";
import { hexId } from "./hashing";
import { type Json, specOf, statusOf } from "./objects";

export const NODE_NAME = "topsail-sim";
export const HOST_IP = "172.18.0.2";

/** Hands out pod IPs in 10.244.0.0/16, skipping those in use. */
export class PodIpAllocator {
  private next = 2;
  private readonly used = new Set<string>();

  markUsed(ip: string): void {
    this.used.add(ip);
  }

  release(ip: string): void {
    this.used.delete(ip);
  }

  allocate(): string {
    for (let tries = 0; tries < 65_000; tries++) {
      const n = this.next;
      this.next = this.next >= 65_533 ? 2 : this.next + 1;
      const ip = `10.244.${n >> 8}.${n & 255}`;
      if ((n & 255) === 0 || (n & 255) === 255 || this.used.has(ip)) continue;
      this.used.add(ip);
      return ip;
    }
    throw new Error("pod CIDR 10.244.0.0/16 exhausted");
  }
}

function needsStart(pod: KubeObject): boolean {
  return statusOf(pod).phase === undefined || statusOf(pod).phase === "Pending";
}

function qosClass(spec: Json): string {
  const containers = [
    ...((spec.containers as Json[] | undefined) ?? []),
    ...((spec.initContainers as Json[] | undefined) ?? []),
  ];
  const resources = containers.map((c) => (c.resources as Json | undefined) ?? {});
  if (resources.every((r) => !r.requests && !r.limits)) return "BestEffort";
  return "Burstable";
}

function imageId(image: string): string {
  const repo = image.split("@")[0]?.replace(/:[^/:]+$/, "") ?? image;
  return `${repo}@sha256:${hexId(`image:${image}`)}`;
}

/** The pod as the kubelet reports it once started, or undefined when nothing is to be done. */
export function startPod(pod: KubeObject, podIP: string, now: string): KubeObject | undefined {
  if (!needsStart(pod)) return undefined;
  const spec: Json = { ...specOf(pod), nodeName: (specOf(pod).nodeName as string | undefined) ?? NODE_NAME };
  const uid = pod.metadata.uid ?? pod.metadata.name ?? "";
  const containerId = (name: string) => `containerd://${hexId(`${uid}/${name}`)}`;
  const containers = (spec.containers as Json[] | undefined) ?? [];
  const initContainers = (spec.initContainers as Json[] | undefined) ?? [];
  const condition = (type: string) => ({ type, status: "True", lastProbeTime: null, lastTransitionTime: now });
  const status: Json = {
    phase: "Running",
    conditions: [
      condition("PodReadyToStartContainers"),
      condition("Initialized"),
      condition("Ready"),
      condition("ContainersReady"),
      condition("PodScheduled"),
    ],
    hostIP: HOST_IP,
    hostIPs: [{ ip: HOST_IP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: now,
    qosClass: qosClass(spec),
    containerStatuses: containers.map((c) => ({
      name: c.name,
      image: c.image,
      imageID: imageId(String(c.image ?? "")),
      containerID: containerId(String(c.name)),
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: now } },
      lastState: {},
    })),
  };
  if (initContainers.length > 0) {
    status.initContainerStatuses = initContainers.map((c) => ({
      name: c.name,
      image: c.image,
      imageID: imageId(String(c.image ?? "")),
      containerID: containerId(String(c.name)),
      ready: true,
      started: false,
      restartCount: 0,
      state: {
        terminated: {
          exitCode: 0,
          reason: "Completed",
          startedAt: now,
          finishedAt: now,
          containerID: containerId(String(c.name)),
        },
      },
      lastState: {},
    }));
  }
  return { ...pod, spec, status };
}
