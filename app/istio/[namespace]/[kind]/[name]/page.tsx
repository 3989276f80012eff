import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ObjectEditorView } from "@/components/istio-config/object-editor-view";
import { objectRefSchema } from "@/lib/contracts/istio-objects";
import { resolveIstioKind } from "@/lib/istio/kinds";

type Props = {
  params: Promise<{ namespace: string; kind: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** `?line=12` opens the editor on that line (links from findings elsewhere, e.g. the graph's flag explainer). */
function lineOf(value: string | string[] | undefined): number | undefined {
  const line = typeof value === "string" && /^\d{1,6}$/.test(value) ? Number(value) : undefined;
  return line !== undefined && line > 0 ? line : undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { kind, name } = await params;
  return { title: `${resolveIstioKind(kind)?.kind ?? kind} ${decodeURIComponent(name)}` };
}

export default async function IstioObjectPage({ params, searchParams }: Props) {
  const raw = await params;
  const line = lineOf((await searchParams).line);
  const ref = objectRefSchema.safeParse({
    namespace: decodeURIComponent(raw.namespace),
    kind: raw.kind,
    name: decodeURIComponent(raw.name),
  });
  if (!ref.success || !resolveIstioKind(ref.data.kind)) notFound();
  // Keyed so that moving to another object starts a fresh editor.
  return (
    <ObjectEditorView
      key={`${ref.data.namespace}/${ref.data.kind}/${ref.data.name}`}
      objectRef={ref.data}
      line={line}
    />
  );
}
