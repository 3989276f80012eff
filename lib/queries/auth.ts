import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { safeReturnPath, sessionInfoSchema, type TokenSignIn } from "@/lib/contracts/auth";
import { fetchJson, forgetCsrfToken } from "./fetch-json";

export const sessionKeys = { all: ["session"] as const };

/** Who the console acts for (GET /api/auth/session); the top bar and the permission checks read it. */
export const sessionQuery = () =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: () => fetchJson("/api/auth/session", sessionInfoSchema),
    staleTime: 60_000,
  });

export function useSession() {
  return useQuery(sessionQuery());
}

/** Token sign-in; on success the browser goes on to `next` (a path on this console only). */
export function useTokenSignIn(next: string | null) {
  return useMutation({
    mutationFn: (request: TokenSignIn) =>
      fetchJson("/api/auth/sign-in", sessionInfoSchema, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(request),
      }),
    onSuccess: () => {
      forgetCsrfToken();
      // A full load: every cached answer belonged to nobody.
      window.location.assign(safeReturnPath(next));
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson("/api/auth/sign-out", z.object({ signedIn: z.literal(false) }), { method: "POST" }),
    onSuccess: () => {
      forgetCsrfToken();
      client.clear();
      // A full load drops every answer cached for the user who left.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- see above
      window.location.assign("/sign-in");
    },
  });
}
