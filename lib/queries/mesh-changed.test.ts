import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { changesKeys } from "./changes";
import { graphKeys } from "./graph";
import { refetchAfterMeshChange } from "./mesh-changed";

describe("after the console changes the mesh", () => {
  it("marks every graph and change list stale, and leaves other pages' data alone", async () => {
    const client = new QueryClient();
    const graph = [...graphKeys.all, "bookinfo", "versionedApp", 300];
    const changes = [...changesKeys.all, "bookinfo"];
    const other = ["namespaces"];
    for (const key of [graph, changes, other]) client.setQueryData(key, { seeded: true });
    await refetchAfterMeshChange(client);
    expect(client.getQueryState(graph)?.isInvalidated).toBe(true);
    expect(client.getQueryState(changes)?.isInvalidated).toBe(true);
    expect(client.getQueryState(other)?.isInvalidated).toBe(false);
  });
});
