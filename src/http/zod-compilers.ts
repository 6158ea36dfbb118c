import type { FastifySchemaCompiler } from "fastify";
import type { z } from "zod";
import { validationError } from "../domain/shared/validation.js";

/** Request validation with the domain's Zod schemas; failures are our VALIDATION error naming the field. */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: validationError(result.error) };
  };
