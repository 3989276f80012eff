import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PolicyDetailView } from "@/components/security/policy-detail-view";
import { policyPathSchema } from "@/lib/contracts/security";

type Props = { params: Promise<{ namespace: string; name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `AuthorizationPolicy ${decodeURIComponent(name)}` };
}

export default async function AuthorizationPolicyPage({ params }: Props) {
  const raw = await params;
  const ref = policyPathSchema.safeParse({
    namespace: decodeURIComponent(raw.namespace),
    name: decodeURIComponent(raw.name),
  });
  if (!ref.success) notFound();
  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">
          AuthorizationPolicy {ref.data.namespace}/{ref.data.name}
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          What it allows or denies, in words, and whom it allows and denies right now.
        </p>
      </header>
      {/* Keyed so that moving to another policy starts with a fresh window. */}
      <PolicyDetailView key={`${ref.data.namespace}/${ref.data.name}`} {...ref.data} />
    </div>
  );
}
