"use client";

import { PageError } from "@/components/ui/page-error";

export default function IstioConfigError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="The Istio config page failed" {...props} />;
}
