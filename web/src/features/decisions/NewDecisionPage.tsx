export function NewDecisionPage(_props: { id?: string }) {
  return null;
}
