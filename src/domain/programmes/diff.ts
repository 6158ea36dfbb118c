// A word-level diff (longest common subsequence), small enough to own: no dependency.

export type DiffPart = { value: string; added: boolean; removed: boolean };

/** Words and the whitespace between them, as separate tokens: joining them gives the text back. */
export function tokenize(text: string): string[] {
  return text.split(/(\s+)/).filter((t) => t !== "");
}

/** Above this many table cells the middle is shown as replaced wholesale (bounded time and memory). */
const MAX_CELLS = 4_000_000;

function push(parts: DiffPart[], value: string, kind: "same" | "added" | "removed") {
  if (value === "") return;
  const added = kind === "added";
  const removed = kind === "removed";
  const last = parts[parts.length - 1];
  if (last !== undefined && last.added === added && last.removed === removed) last.value += value;
  else parts.push({ value, added, removed });
}

/**
 * The parts that turn `before` into `after`: unchanged runs, removed runs and added runs. Joining
 * the parts that are not added gives `before`; joining those not removed gives `after`. Within
 * a changed run, removals come before additions.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const parts: DiffPart[] = [];
  push(parts, a.slice(0, start).join(""), "same");
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    push(parts, midA.join(""), "removed");
    push(parts, midB.join(""), "added");
  } else {
    // lcs[i][j]: the LCS length of midA[i..] and midB[j..], in one flat array.
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          midA[i] === midB[j]
            ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
            : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
      }
    }
    let i = 0;
    let j = 0;
    let removed = "";
    let added = "";
    const flush = () => {
      push(parts, removed, "removed");
      push(parts, added, "added");
      removed = "";
      added = "";
    };
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        flush();
        push(parts, midA[i] ?? "", "same");
        i += 1;
        j += 1;
      } else if (j >= m || (i < n && (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))) {
        removed += midA[i] ?? "";
        i += 1;
      } else {
        added += midB[j] ?? "";
        j += 1;
      }
    }
    flush();
  }
  push(parts, a.slice(endA).join(""), "same");
  return parts;
}
