import type { Metadata } from "next";
import { ExperimentReportView } from "@/components/experiments/experiment-report-view";

export const metadata: Metadata = { title: "Experiment report" };

export default async function ExperimentReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="mx-auto max-w-5xl">
      <ExperimentReportView id={id} />
    </div>
  );
}
