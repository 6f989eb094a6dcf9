// contracts/scim-configurations.yaml under /directory, plus two additions the contract lacks:
// POST …/{id}/rotate (new token, the old one keeps working for the grace period) and
// POST …/{id}/rotate/complete (the old one stops now). Handlers parse, call the service, shape the reply.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ScimConfigurationService } from '../../core/scim/configuration-service.ts';
import { ctxOf } from '../../http/request-context.ts';
import { attachDocs } from '../../http/route-docs.ts';
import { SCIM_CONFIGURATION_DOCS, SCIM_CONFIGURATION_PARAMETERS } from './docs.ts';
import * as S from './schemas.ts';

const BASE = '/directory/resources/v1/configurations/scim2';

const tenantOf = (req: FastifyRequest): string | undefined => {
  const v = req.headers['frontegg-tenant-id'];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

export function scimConfigurationRoutes(service: ScimConfigurationService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['SCIM Configurations'];
    app.addHook('onRoute', attachDocs(SCIM_CONFIGURATION_DOCS, SCIM_CONFIGURATION_PARAMETERS));
    const headers = S.TenantHeader;

    app.get(
      BASE,
      {
        schema: {
          tags: ['SCIM Settings'],
          summary: 'Get all SCIM configurations (the vendor sees every workspace, others their own)',
          querystring: S.ListQuery,
          response: { 200: Type.Array(S.ConfigurationResponse), ...S.errors(400, 401, 403) },
        },
      },
      async (req) => service.list(ctxOf(req), req.query),
    );

    app.post(
      BASE,
      {
        config: { validationCode: { headers: 'scim_configuration.tenant_required' } },
        schema: {
          tags,
          summary: 'Create a SCIM configuration',
          headers: S.CreateTenantHeader,
          body: S.CreateRequest,
          response: { 201: S.CreateResponse, ...S.errors(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        const created = await service.create(ctxOf(req), tenantOf(req), req.body);
        reply.status(201).header('cache-control', 'no-store');
        return created;
      },
    );

    app.get(
      `${BASE}/:id`,
      {
        schema: {
          tags,
          summary: 'Get a SCIM configuration',
          headers,
          params: S.IdParams,
          response: { 200: S.ConfigurationResponse, ...S.errors(400, 401, 403, 404) },
        },
      },
      async (req) => service.get(ctxOf(req), tenantOf(req), req.params.id),
    );

    app.patch(
      `${BASE}/:id`,
      {
        schema: {
          tags,
          summary: 'Update a SCIM configuration',
          headers,
          params: S.IdParams,
          body: S.PatchRequest,
          response: { 204: Type.Null(), ...S.errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await service.update(ctxOf(req), tenantOf(req), req.params.id, req.body);
        return reply.status(204).send(null);
      },
    );

    app.delete(
      `${BASE}/:id`,
      {
        schema: {
          tags,
          summary: 'Delete a SCIM configuration: its tokens stop working, its users and groups are removed',
          headers,
          params: S.IdParams,
          response: { 204: Type.Null(), ...S.errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await service.remove(ctxOf(req), tenantOf(req), req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      `${BASE}/:id/rotate`,
      {
        schema: {
          tags,
          summary: 'Start a token rotation (addition to the contract): a new token; the old one works until the grace period ends',
          headers,
          params: S.IdParams,
          response: { 201: S.RotateResponse, ...S.errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const rotated = await service.rotate(ctxOf(req), tenantOf(req), req.params.id);
        reply.status(201).header('cache-control', 'no-store');
        return rotated;
      },
    );

    app.post(
      `${BASE}/:id/rotate/complete`,
      {
        schema: {
          tags,
          summary: 'Complete a token rotation (addition to the contract): the previous token stops working now',
          headers,
          params: S.IdParams,
          response: { 204: Type.Null(), ...S.errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await service.completeRotation(ctxOf(req), tenantOf(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
