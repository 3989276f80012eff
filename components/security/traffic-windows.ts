/** The traffic windows callers are read over, for the replay and a policy's current effect alike. */
export const trafficWindows = [
  { minutes: 10, label: "10 min" },
  { minutes: 60, label: "1 hour" },
  { minutes: 360, label: "6 hours" },
  { minutes: 1440, label: "1 day" },
] as const;
