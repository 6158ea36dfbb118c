import type { z } from "zod";
import { AppError } from "../../errors.js";

/** Parses input with a boundary schema; failure is one VALIDATION error naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationError(result.error);
}

export function validationError(error: z.ZodError): AppError {
  const fields = error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: [...at, key].join("."), message: "is not an accepted field" }));
    }
    return [{ field: at.length > 0 ? at.join(".") : "(input)", message: issue.message }];
  });
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
  return new AppError("VALIDATION", `Invalid input: ${summary}`, { fields });
}

/** One field's VALIDATION error, shaped like parseInput's: for rules a schema cannot check (lookups, prerequisites). */
export function fieldError(field: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError("VALIDATION", `Invalid input: ${field}: ${message}`, { fields: [{ field, message }], ...extra });
}
