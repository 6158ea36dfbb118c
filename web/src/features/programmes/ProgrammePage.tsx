export function ProgrammePage(_props: { id?: string }) {
  return null;
}
