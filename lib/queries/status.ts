import { queryOptions, useQuery } from "@tanstack/react-query";
import { connectionStatusSchema } from "@/lib/contracts/status";
import { fetchJson } from "./fetch-json";

export const statusKeys = { all: ["status"] as const };

export const statusQuery = () =>
  queryOptions({
    queryKey: statusKeys.all,
    queryFn: () => fetchJson("/api/status", connectionStatusSchema),
    // The top bar's indicator should notice a cluster or Prometheus coming and going.
    refetchInterval: 15_000,
  });

export function useConnectionStatus() {
  return useQuery(statusQuery());
}
