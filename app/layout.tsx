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
  const requestHeaders = await headers();
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  // The sign-in page stands alone: the shell's namespace selector and status call the API, which needs a viewer.
  const bare = requestHeaders.get("x-topsail-page") === "sign-in";
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <AppProviders nonce={nonce}>
          {bare ? <main id="main">{children}</main> : <AppShell>{children}</AppShell>}
        </AppProviders>
      </body>
    </html>
  );
}
