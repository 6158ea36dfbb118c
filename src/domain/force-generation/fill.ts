import type { ForceOfferStatus } from "../../db/schema.js";

// The force generation arithmetic, pure so a property test can drive it: what each line has
// accepted and pending, its gap and fill rate, and the operation's totals. The board feeds it
// every offer of the lines (not only those the viewer may see): the totals are the line's.

export type FillLineInput = Readonly<{ id: string; quantity: number }>;
export type FillOfferInput = Readonly<{ requirementId: string; quantity: number; status: ForceOfferStatus }>;

export type LineFill = Readonly<{
  id: string;
  quantity: number;
  accepted: number;
  pending: number;
  gap: number;
  /** accepted / quantity, 0..1. */
  fillRate: number;
}>;

export type FillTotals = Readonly<{
  quantity: number;
  accepted: number;
  gap: number;
  fillRate: number;
  linesFilled: number;
  linesWithGap: number;
}>;

export type Fill = Readonly<{ lines: LineFill[]; totals: FillTotals }>;

/** accepted / quantity, never above 1, 0 for nothing required. */
const rateOf = (accepted: number, quantity: number) => (quantity <= 0 ? 0 : Math.min(1, accepted / quantity));

/** Per line (in the order given) and for the whole statement. Offers of other lines are ignored. */
export function computeFill(lines: readonly FillLineInput[], offers: readonly FillOfferInput[]): Fill {
  const accepted = new Map<string, number>();
  const pending = new Map<string, number>();
  for (const offer of offers) {
    const bucket = offer.status === "accepted" ? accepted : offer.status === "offered" ? pending : null;
    if (bucket !== null) bucket.set(offer.requirementId, (bucket.get(offer.requirementId) ?? 0) + offer.quantity);
  }
  const filled = lines.map((line): LineFill => {
    const taken = accepted.get(line.id) ?? 0;
    return {
      id: line.id,
      quantity: line.quantity,
      accepted: taken,
      pending: pending.get(line.id) ?? 0,
      gap: Math.max(0, line.quantity - taken),
      fillRate: rateOf(taken, line.quantity),
    };
  });
  const quantity = filled.reduce((sum, l) => sum + l.quantity, 0);
  const acceptedTotal = filled.reduce((sum, l) => sum + l.accepted, 0);
  return {
    lines: filled,
    totals: {
      quantity,
      accepted: acceptedTotal,
      gap: filled.reduce((sum, l) => sum + l.gap, 0),
      fillRate: rateOf(acceptedTotal, quantity),
      linesFilled: filled.filter((l) => l.gap === 0).length,
      linesWithGap: filled.filter((l) => l.gap > 0).length,
    },
  };
}
