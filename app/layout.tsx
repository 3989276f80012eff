import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { AppProviders } from "@/components/providers/app-providers";
import { AppShell } from "@/components/shell/app-shell";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Topsail", template: "%s · Topsail" },
  description: "A console for Istio service meshes",
  // public/icon.svg is both the favicon and the side navigation's logo: static files live in
  // public/, served as they are, and app/ keeps routes only.
  icons: { icon: { url: "/icon.svg", type: "image/svg+xml" } },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <AppProviders nonce={nonce}>
          <AppShell>{children}</AppShell>
        </AppProviders>
      </body>
    </html>
  );
}
