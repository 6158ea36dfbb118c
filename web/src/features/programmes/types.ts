// The programme API's types, inferred from the backend's Zod schemas (type-only: no Zod in the bundle).
export type {
  TListProgrammesQuery as ListProgrammesQuery,
  TProgramme as Programme,
  TProgrammeAction as ProgrammeAction,
  TProgrammeComment as ProgrammeComment,
  TProgrammeCommentInput as ProgrammeCommentInput,
  TProgrammeContent as ProgrammeContent,
  TProgrammeDiff as ProgrammeDiff,
  TProgrammeInput as ProgrammeInput,
  TProgrammeList as ProgrammeList,
  TProgrammeProgress as ProgrammeProgress,
  TProgrammeRevisionContent as ProgrammeRevisionContent,
  TProgrammeRevisionInput as ProgrammeRevisionInput,
  TProgrammeStatus as ProgrammeStatus,
  TProgrammeSummary as ProgrammeSummary,
  TProgrammeType as ProgrammeType,
} from "../../../../src/domain/programmes/programmes.schema.ts";
