/**
 * A line diff (longest common subsequence), enough for the few hundred lines of an Istio
 * object: O(n·m) memory is a few hundred kilobytes at worst. Pure, so the wizards' preview
 * and the audit page show the same diff and it is unit-tested.
 */
import "server-only";
import type { DiffLine } from "@/lib/contracts/traffic";

function lines(text: string): string[] {
  if (text === "") return [];
  return text.replace(/\n$/, "").split("\n");
}

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = lines(before);
  const b = lines(after);
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = length of the LCS of a[i..] and b[j..], in one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[at(i, j)] = a[i] === b[j] ? (lcs[at(i + 1, j + 1)] ?? 0) + 1 : Math.max(lcs[at(i + 1, j)] ?? 0, lcs[at(i, j + 1)] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: "same", text: a[i] ?? "" });
      i++;
      j++;
    } else if ((lcs[at(i + 1, j)] ?? 0) >= (lcs[at(i, j + 1)] ?? 0)) {
      out.push({ op: "remove", text: a[i++] ?? "" });
    } else {
      out.push({ op: "add", text: b[j++] ?? "" });
    }
  }
  while (i < n) out.push({ op: "remove", text: a[i++] ?? "" });
  while (j < m) out.push({ op: "add", text: b[j++] ?? "" });
  return out;
}
