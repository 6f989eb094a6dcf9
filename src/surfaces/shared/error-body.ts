// The error envelope every JSON surface answers with ({ error: <stable code>, message, request_id }),
// and the helper that declares it for a route's error statuses.
import { Type } from 'typebox';

export const ErrorBody = Type.Object(
  { error: Type.String(), message: Type.String(), request_id: Type.Optional(Type.String()) },
  { additionalProperties: true },
);
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorBody]));
