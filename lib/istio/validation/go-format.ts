/**
 * The few Go fmt verbs istiod's messages use, so numbers print exactly as istiod prints
 * them: `%v`/`%d` of a number is its shortest form, `%f` has six decimals, `%q` quotes.
 */

export function goV(value: unknown): string {
  if (value === undefined || value === null) return "<nil>";
  return String(value);
}

export function goF(value: number): string {
  return value.toFixed(6);
}

export function goQ(value: string): string {
  return JSON.stringify(value);
}
