export function AccessRequestsPage(_props: { id?: string }) {
  return null;
}
