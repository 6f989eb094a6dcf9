// The Fastify instance every surface plugin receives, with the TypeBox type provider kept on it:
// request parts (body, params, querystring, headers) and replies are typed by the route schemas,
// so handlers never cast. Helpers that add routes to a plugin's instance take this type.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;
