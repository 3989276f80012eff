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
  {
    href: "/graph",
    label: "Graph",
    icon: "M6 6m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M18 6m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M12 18m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M8 6h8M7 8l4 8M17 8l-4 8",
  },
  { href: "/applications", label: "Applications", icon: "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z" },
  { href: "/workloads", label: "Workloads", icon: "M12 3l8 4.5v9L12 21l-8-4.5v-9zM12 12l8-4.5M12 12v9M12 12L4 7.5" },
  { href: "/services", label: "Services", icon: "M4 6h16M4 12h16M4 18h16M7 6v12" },
  {
    href: "/mesh",
    label: "Mesh",
    icon: "M12 12m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M5 5m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M19 5m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M12 21m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M6.5 6.5l4 4M17.5 6.5l-4 4M12 14v5",
  },
  { href: "/gateways", label: "Gateways", icon: "M3 21h18M5 21V10l7-6 7 6v11M9 21v-6h6v6" },
  { href: "/egress", label: "Egress", icon: "M14 4h6v6M20 4l-9 9M18 14v6H4V6h6" },
  {
    href: "/explain",
    label: "Explain a request",
    icon: "M12 12m-9 0a9 9 0 1 0 18 0a9 9 0 1 0-18 0M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01",
  },
  { href: "/istio", label: "Istio config", icon: "M5 4h9l5 5v11H5zM14 4v5h5M8 13h8M8 17h5" },
  { href: "/security", label: "Security", icon: "M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4" },
  {
    href: "/experiments",
    label: "Experiments",
    icon: "M9 3h6M10 3v6l-5 9a2 2 0 0 0 2 3h10a2 2 0 0 0 2-3l-5-9V3M7 15h10",
  },
  { href: "/audit", label: "Audit", icon: "M12 8v4l3 2M3.05 11a9 9 0 1 1 .5 4M3 4v7h7" },
];
