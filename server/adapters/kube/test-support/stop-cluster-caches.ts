/**
 * Vitest setup for the integration project: a test file that read through the console's
 * modules in-process has started cluster caches (server/adapters/kube/cluster-cache.ts);
 * their watches stop with the file, not after its simulator has gone away.
 */
import { afterAll } from "vitest";
import { stopClusterCaches } from "../cluster-cache";

afterAll(stopClusterCaches);
