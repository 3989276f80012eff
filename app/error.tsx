"use client";

import { PageError } from "@/components/ui/page-error";

export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="This page failed to load" {...props} />;
}
