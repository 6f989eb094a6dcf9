// The schema of the one error envelope every JSON surface answers with (error-handler.ts writes it):
// `{error: "<stable code>", message, request_id}`, open to the extra fields some errors carry
// (`field`, `capability`, …). Routes list it for each error status they can answer.
import { Type } from 'typebox';

const ErrorBody = Type.Object({ error: Type.String(), message: Type.String(), request_id: Type.Optional(Type.String()) }, { additionalProperties: true });

/** The `response` entries of a route for these error statuses. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorBody]));
