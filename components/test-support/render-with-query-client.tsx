/**
 * Renders a component that reads or writes through TanStack Query (lib/queries/) with a client of
 * its own: nothing cached carries over from another test, and a failed request fails at once, with
 * no retry, so a test sees the error state without waiting out retry back-off.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";

export function renderWithQueryClient(ui: ReactElement): RenderResult {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}
