import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffWords } from "./diff.js";

const join = (parts: { value: string }[]) => parts.map((p) => p.value).join("");

describe("diffWords", () => {
  it("marks the changed words only", () => {
    expect(diffWords("the quick brown fox", "the slow brown fox")).toEqual([
      { value: "the ", added: false, removed: false },
      { value: "quick", added: false, removed: true },
      { value: "slow", added: true, removed: false },
      { value: " brown fox", added: false, removed: false },
    ]);
    expect(diffWords("same", "same")).toEqual([{ value: "same", added: false, removed: false }]);
    expect(diffWords("", "new text")).toEqual([{ value: "new text", added: true, removed: false }]);
    expect(diffWords("old", "")).toEqual([{ value: "old", added: false, removed: true }]);
  });

  it("reconstructs both texts from its parts, and never repeats a kind twice in a row", () => {
    const word = fc.constantFrom("a", "b", "c", "naval", "cyber", "\n", " ", "  ");
    const text = fc.array(word, { maxLength: 30 }).map((w) => w.join(""));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = diffWords(before, after);
        expect(join(parts.filter((p) => !p.added))).toBe(before);
        expect(join(parts.filter((p) => !p.removed))).toBe(after);
        for (const p of parts) expect(p.added && p.removed).toBe(false);
        for (let i = 1; i < parts.length; i++) {
          const [x, y] = [parts[i - 1], parts[i]];
          expect(x?.added === y?.added && x?.removed === y?.removed).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
