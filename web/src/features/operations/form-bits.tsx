import { type ReactNode, useEffect, useRef } from "react";
import { Icon } from "../../ui/Icon.tsx";

/** A success notice that takes focus so the outcome of a form is announced and found. */
export function DoneNotice({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <p className="notice notice--ok" role="status" tabIndex={-1} ref={ref}>
      <Icon name="check" />
      <span>{children}</span>
    </p>
  );
}

/** The field name of an API field error ("troops", or the first segment of "label.classification"). */
export const topField = (f: string) => f.split(".")[0] ?? f;
