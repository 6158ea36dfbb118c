import { useEffect, useState } from "react";
import { t } from "../i18n/index.ts";

/** Copies a secret to the clipboard and says so (politely) for screen readers. */
export function CopyButton({ text, label, className }: { text: string; label?: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <span className="copy">
      <button type="button" className={className ?? "button button--secondary button--small"} onClick={copy}>
        {label ?? t("copy.button")}
      </button>
      <span className="copy__status" role="status">
        {state === "copied" ? t("copy.done") : state === "failed" ? t("copy.failed") : ""}
      </span>
    </span>
  );
}
