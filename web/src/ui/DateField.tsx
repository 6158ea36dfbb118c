import { type InputHTMLAttributes, useEffect, useState } from "react";
import { isIsoDate } from "../i18n/dates.ts";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type"> & {
  value: string;
  /** Called only with a complete, real date inside [min, max]. */
  onCommit: (date: string) => void;
  min?: string;
  max?: string;
};

/**
 * A native date input that keeps what the user is typing to itself and reports only complete
 * dates in range, so half-typed years never move the rest of the page.
 */
export function DateField({ value, onCommit, min, max, ...rest }: Props) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <input
      {...rest}
      type="date"
      min={min}
      max={max}
      value={draft}
      onChange={(e) => {
        const next = e.target.value;
        setDraft(next);
        if (isIsoDate(next) && (!min || next >= min) && (!max || next <= max) && next !== value) onCommit(next);
      }}
    />
  );
}
