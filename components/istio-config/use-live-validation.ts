"use client";

/** Validates the editor's text on the server a moment after the user stops typing. */
import { useEffect, useMemo, useState } from "react";
import type { YamlTarget } from "@/lib/contracts/istio-objects";
import { useYamlValidation } from "@/lib/queries/istio-objects";
import { toFindings, toMarkers } from "./findings";

const DEBOUNCE_MS = 400;

export function useLiveValidation(target: YamlTarget | null, text: string) {
  const [debounced, setDebounced] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const query = useYamlValidation(target ? { yaml: debounced, target } : null);
  const findings = useMemo(() => (query.data ? toFindings(query.data.problems, query.data.checks) : []), [query.data]);
  const markers = useMemo(() => toMarkers(findings), [findings]);
  const current = debounced === text && !query.isFetching && !query.isPlaceholderData;
  return {
    findings,
    markers,
    references: query.data?.references ?? [],
    /** The text as typed is one well-formed object (checks may still report errors). */
    inputOk: current && query.data?.ok === true,
    checking: !current,
    error: query.error,
  };
}
