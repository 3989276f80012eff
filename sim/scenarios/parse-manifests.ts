/** Multi-document YAML → Kubernetes objects, with errors that name the file and document. */
import { parseAllDocuments } from "yaml";
import type { KubeObject } from "../store/types";

export interface ParsedManifest {
  object: KubeObject;
  /** 1-based document number within the file, as a user counts `---` separated documents. */
  document: number;
}

export class ManifestError extends Error {
  constructor(
    readonly file: string,
    readonly document: number,
    detail: string,
  ) {
    super(`${file}: document ${document}: ${detail}`);
    this.name = "ManifestError";
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function parseManifests(file: string, text: string): ParsedManifest[] {
  const out: ParsedManifest[] = [];
  parseAllDocuments(text).forEach((doc, i) => {
    const document = i + 1;
    if (doc.errors.length > 0) throw new ManifestError(file, document, doc.errors[0]?.message ?? "invalid YAML");
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return;
    if (!isRecord(value)) throw new ManifestError(file, document, "not a Kubernetes object (expected a mapping)");
    const items = value.kind === "List" && Array.isArray(value.items) ? (value.items as unknown[]) : [value];
    for (const item of items) {
      if (!isRecord(item)) throw new ManifestError(file, document, "list item is not a Kubernetes object");
      if (typeof item.apiVersion !== "string" || item.apiVersion === "")
        throw new ManifestError(file, document, "apiVersion not set");
      if (typeof item.kind !== "string" || item.kind === "") throw new ManifestError(file, document, "kind not set");
      const metadata = isRecord(item.metadata) ? item.metadata : {};
      out.push({ object: { ...item, apiVersion: item.apiVersion, kind: item.kind, metadata } as KubeObject, document });
    }
  });
  return out;
}
