import { useNations } from "../../api/queries.ts";
import { t } from "../../i18n/index.ts";
import type { ControlProps } from "../../ui/Field.tsx";

type Props = { control: ControlProps; value: string; onChange: (code: string) => void; allowAll?: boolean };

/** A select of nations and organisations by name; "" is "choose" (or "all" for filters). */
export function NationSelect({ control, value, onChange, allowAll = false }: Props) {
  const nations = useNations();
  const list = [...(nations.data?.nations ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{allowAll ? t("operations.filter.allNations") : t("operations.form.chooseNation")}</option>
      {list.map((n) => (
        <option key={n.code} value={n.code}>
          {n.name} ({n.code})
        </option>
      ))}
    </select>
  );
}
