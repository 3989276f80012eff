import { queryOptions, useQuery } from "@tanstack/react-query";
import { meshViewSchema } from "@/lib/contracts/mesh";
import { fetchJson } from "./fetch-json";

export const meshKeys = {
  all: ["mesh"] as const,
};

export const meshQuery = () =>
  queryOptions({
    queryKey: meshKeys.all,
    queryFn: ({ signal }) => fetchJson("/api/mesh", meshViewSchema, { signal }),
    // A proxy that stops acking shows within one refresh (the server shares its answer for 5 s).
    refetchInterval: 15_000,
  });

/** The Mesh page and the Overview's sync callout share this one entry. */
export function useMesh() {
  return useQuery(meshQuery());
}
