import { useSources } from "../api/queries.ts";
import { t } from "../i18n/index.ts";

/** Splits a citation "seed#p13" into its source id and paragraph number. */
export function parseCite(cite: string): { id: string; paragraph: number | null } {
  const [id = cite, fragment] = cite.split("#");
  const match = fragment ? /^p(\d+)$/.exec(fragment) : null;
  return { id, paragraph: match?.[1] ? Number(match[1]) : null };
}

/** A link to the cited source, "¶13" appended for a paragraph citation. */
export function Cite({ cite, compact = false }: { cite: string; compact?: boolean }) {
  const sources = useSources();
  const { id, paragraph } = parseCite(cite);
  const source = sources.data?.sources.find((s) => s.id === id);
  const pilcrow = paragraph === null ? "" : ` ${t("cite.paragraph", { n: paragraph })}`;
  if (!source) {
    return (
      <span className="cite">
        {t("cite.label")} {id}
        {pilcrow}
      </span>
    );
  }
  const weak = source.reliability === "weak";
  return (
    <span className={compact ? "cite cite--compact" : "cite"}>
      {compact ? null : <span className="cite__label">{t("cite.label")} </span>}
      <a
        href={source.url}
        target="_blank"
        rel="noopener noreferrer"
        title={compact ? `${source.title}${pilcrow}` : undefined}
      >
        <span className="cite__title">{source.title}</span>
        {pilcrow ? <span className="cite__para">{pilcrow}</span> : null}
        <span className="visually-hidden"> {t("cite.opensNewTab")}</span>
      </a>
      {weak ? <span className="badge badge--muted">{t("cite.weak")}</span> : null}
    </span>
  );
}
