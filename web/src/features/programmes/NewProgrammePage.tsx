export function NewProgrammePage(_props: { id?: string }) {
  return null;
}
