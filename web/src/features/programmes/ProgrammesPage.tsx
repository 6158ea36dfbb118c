export function ProgrammesPage(_props: { id?: string }) {
  return null;
}
