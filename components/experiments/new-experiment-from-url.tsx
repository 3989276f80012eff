"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useSelectedNamespaces } from "@/components/shell/use-selected-namespaces";
import { NewExperimentForm } from "./new-experiment-form";

/**
 * The form at /experiments/new: `?kind=&namespace=&service=` (the graph menu and service
 * pages link here) prefill it; without a namespace it starts in the top bar's selection
 * (its first namespace), never in a guessed one such as `default`.
 */
export function NewExperimentFromUrl() {
  const params = useSearchParams();
  const router = useRouter();
  const [selected] = useSelectedNamespaces();
  const namespace = params.get("namespace") ?? selected[0] ?? "";
  return (
    <NewExperimentForm
      start={{
        kind: params.get("kind") === "fault" ? "fault" : "canary",
        namespace,
        service: params.get("service") ?? "",
      }}
      onCreated={(id) => router.push(`/experiments/${id}`)}
    />
  );
}
