import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ObjectEditorView } from "@/components/istio-config/object-editor-view";
import { objectRefSchema } from "@/lib/contracts/istio-objects";
import { resolveIstioKind } from "@/lib/istio/kinds";

type Props = { params: Promise<{ namespace: string; kind: string; name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { kind, name } = await params;
  return { title: `${resolveIstioKind(kind)?.kind ?? kind} ${decodeURIComponent(name)}` };
}

export default async function IstioObjectPage({ params }: Props) {
  const raw = await params;
  const ref = objectRefSchema.safeParse({
    namespace: decodeURIComponent(raw.namespace),
    kind: raw.kind,
    name: decodeURIComponent(raw.name),
  });
  if (!ref.success || !resolveIstioKind(ref.data.kind)) notFound();
  // Keyed so that moving to another object starts a fresh editor.
  return <ObjectEditorView key={`${ref.data.namespace}/${ref.data.kind}/${ref.data.name}`} objectRef={ref.data} />;
}
