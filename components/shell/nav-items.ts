/**
 * The left navigation, as data: a page appears here when it exists, and not before.
 * `keepsNamespaces` carries the namespace selection along so a link keeps the user's view.
 */
export interface NavItem {
  href: string;
  label: string;
  /** An SVG path (24×24 viewBox) for the icon. */
  icon: string;
}

export const navItems: NavItem[] = [
  { href: "/", label: "Overview", icon: "M3 12l9-8 9 8M5 10v10h5v-6h4v6h5V10" },
  { href: "/graph", label: "Graph", icon: "M6 6m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M18 6m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M12 18m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M8 6h8M7 8l4 8M17 8l-4 8" },
];
