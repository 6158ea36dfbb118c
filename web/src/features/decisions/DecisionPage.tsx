export function DecisionPage(_props: { id?: string }) {
  return null;
}
