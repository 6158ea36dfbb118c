export function OpenProceduresPage(_props: { id?: string }) {
  return null;
}
