import type { Metadata } from "next";
import { ExperimentRunView } from "@/components/experiments/experiment-run-view";

export const metadata: Metadata = { title: "Experiment" };

export default async function ExperimentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="mx-auto max-w-7xl">
      <ExperimentRunView id={id} />
    </div>
  );
}
