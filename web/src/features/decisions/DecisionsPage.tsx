export function DecisionsPage(_props: { id?: string }) {
  return null;
}
