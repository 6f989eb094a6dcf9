// The management API under /api/v1: workspaces (and their settings), tenants, members, tokens,
// the audit log and operation runs. Handlers parse, call a service, shape the reply.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { verifyAuditChains } from '../../core/audit/audit-verify.ts';
import { queryAuditEvents } from '../../core/audit/audit-query.ts';
import { reportChainProblems } from '../../core/webhooks/chain-problems.ts';
import { inWorkspace } from '../../core/access/in-workspace.ts';
import type { IdentityService } from '../../core/identity/identity-service.ts';
import { runView } from '../../core/runs/run-record.ts';
import { getRunForPrincipal } from '../../core/runs/run-queries.ts';
import type { Db } from '../../db/database.ts';
import { ctxOf } from '../../http/request-context.ts';
import { attachDocs } from '../../http/route-docs.ts';
import { MANAGEMENT_DOCS, MANAGEMENT_PARAMETERS } from './docs.ts';
import * as S from './schemas.ts';
import { streamRunEvents } from './run-events.ts';

export interface ManagementDeps {
  db: Db;
  config: Config;
  identity: IdentityService;
}

export function managementRoutes(deps: ManagementDeps): FastifyPluginAsyncTypebox {
  const { db, identity, config } = deps;
  return async (app) => {
    const tags = ['management'];
    app.addHook('onRoute', attachDocs(MANAGEMENT_DOCS, MANAGEMENT_PARAMETERS));
    app.post(
      '/api/v1/workspaces',
      { schema: { tags, body: S.CreateWorkspace, response: { 201: S.Workspace, ...S.errors(400, 401, 403) } } },
      async (req, reply) => {
        reply.status(201);
        return identity.createWorkspace(ctxOf(req), req.body);
      },
    );
    app.get('/api/v1/workspaces', { schema: { tags, querystring: S.PageQuery, response: { 200: S.WorkspacePage, ...S.errors(400, 401) } } }, async (req) =>
      identity.listWorkspaces(ctxOf(req), req.query),
    );

    app.post(
      '/api/v1/workspaces/:workspaceId/tenants',
      { schema: { tags, params: S.WorkspaceParams, body: S.CreateTenant, response: { 201: S.Tenant, ...S.errors(400, 401, 403, 404, 409) } } },
      async (req, reply) => {
        reply.status(201);
        return identity.createTenant(ctxOf(req), req.params.workspaceId, req.body);
      },
    );
    app.get(
      '/api/v1/workspaces/:workspaceId/tenants',
      { schema: { tags, params: S.WorkspaceParams, querystring: S.PageQuery, response: { 200: S.TenantPage, ...S.errors(400, 401, 403, 404) } } },
      async (req) => identity.listTenants(ctxOf(req), req.params.workspaceId, req.query),
    );

    app.post(
      '/api/v1/workspaces/:workspaceId/members',
      { schema: { tags, params: S.WorkspaceParams, body: S.CreateMember, response: { 201: S.Member, ...S.errors(400, 401, 403, 404, 409) } } },
      async (req, reply) => {
        reply.status(201);
        return identity.createMember(ctxOf(req), req.params.workspaceId, req.body);
      },
    );
    app.get(
      '/api/v1/workspaces/:workspaceId/members',
      { schema: { tags, params: S.WorkspaceParams, querystring: S.PageQuery, response: { 200: S.pageSchema(S.Member), ...S.errors(400, 401, 403, 404) } } },
      async (req) => identity.listMembers(ctxOf(req), req.params.workspaceId, req.query),
    );

    app.patch(
      '/api/v1/members/:memberId',
      { schema: { tags, params: S.MemberParams, body: S.UpdateMember, response: { 200: S.Member, ...S.errors(400, 401, 403, 404, 409) } } },
      async (req) => identity.updateMember(ctxOf(req), req.params.memberId, req.body),
    );
    app.delete(
      '/api/v1/members/:memberId',
      { schema: { tags, params: S.MemberParams, response: { 204: Type.Null(), ...S.errors(401, 403, 404, 409) } } },
      async (req, reply) => {
        await identity.deleteMember(ctxOf(req), req.params.memberId);
        reply.status(204).send(null);
      },
    );
    app.get(
      '/api/v1/workspaces/:workspaceId/settings',
      { schema: { tags, params: S.WorkspaceParams, response: { 200: S.WorkspaceSettings, ...S.errors(401, 403, 404) } } },
      async (req) => identity.getSettings(ctxOf(req), req.params.workspaceId),
    );
    app.patch(
      '/api/v1/workspaces/:workspaceId/settings',
      { schema: { tags, params: S.WorkspaceParams, body: S.UpdateWorkspaceSettings, response: { 200: S.WorkspaceSettings, ...S.errors(400, 401, 403, 404) } } },
      async (req) => identity.updateSettings(ctxOf(req), req.params.workspaceId, req.body),
    );

    app.get(
      '/api/v1/workspaces/:workspaceId/tokens',
      {
        schema: { tags, params: S.WorkspaceParams, querystring: S.PageQuery, response: { 200: S.pageSchema(S.TokenSummary), ...S.errors(400, 401, 403, 404) } },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return identity.listTokens(ctxOf(req), req.params.workspaceId, req.query);
      },
    );
    app.post(
      '/api/v1/workspaces/:workspaceId/tokens',
      { schema: { tags, params: S.WorkspaceParams, body: S.CreateToken, response: { 201: S.CreatedToken, ...S.errors(400, 401, 403, 404, 409) } } },
      async (req, reply) => {
        reply.status(201).header('cache-control', 'no-store');
        return identity.createToken(ctxOf(req), req.params.workspaceId, req.body);
      },
    );
    app.delete(
      '/api/v1/tokens/:tokenId',
      { schema: { tags, params: Type.Object({ tokenId: S.Uuid }), response: { 204: Type.Null(), ...S.errors(401, 403, 404) } } },
      async (req, reply) => {
        await identity.revokeToken(ctxOf(req), req.params.tokenId);
        reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/workspaces/:workspaceId/audit-events',
      { schema: { tags, params: S.WorkspaceParams, querystring: S.AuditQuery, response: { 200: S.AuditPage, ...S.errors(400, 401, 403, 404) } } },
      async (req) => {
        const { workspaceId } = req.params;
        return inWorkspace(db, ctxOf(req), workspaceId, 'audit.view', (q) => queryAuditEvents(q, workspaceId, req.query));
      },
    );
    app.get(
      '/api/v1/workspaces/:workspaceId/audit-events/verify',
      { schema: { tags, params: S.WorkspaceParams, response: { 200: S.AuditVerify, ...S.errors(401, 403, 404) } } },
      async (req) => {
        const { workspaceId } = req.params;
        await inWorkspace(db, ctxOf(req), workspaceId, 'audit.view', async () => undefined);
        const r = await verifyAuditChains(db, { chain: workspaceId });
        if (!r.ok) await reportChainProblems(db, r.problems, 'api');
        return { ok: r.ok, events: r.events, problems: r.problems.map((p) => ({ seq: p.seq, problem: p.problem })) };
      },
    );

    const RunParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
    app.get('/api/v1/operation-runs/:id', { schema: { tags, params: RunParams, response: { 200: S.OperationRun, ...S.errors(401, 403, 404) } } }, async (req) =>
      runView(await getRunForPrincipal(db, ctxOf(req), req.params.id), config.publicUrl),
    );
    app.get(
      '/api/v1/operation-runs/:id/events',
      {
        schema: {
          tags,
          description:
            'Server-sent events: a `run` event with the run whenever it changes; an `end` event closes the stream, its `reason` saying why: `completed`, or `token_revoked`, `token_expired`, `member_disabled` when the credential that opened it stops working.',
          params: RunParams,
          response: { ...S.errors(401, 403, 404) },
        },
      },
      async (req, reply) => {
        const ctx = ctxOf(req);
        const id = req.params.id;
        await getRunForPrincipal(db, ctx, id); // 404/403 before the stream opens
        await streamRunEvents(
          req,
          reply,
          () => getRunForPrincipal(db, ctx, id).then((r) => runView(r, config.publicUrl)),
          () => identity.principalEndReason(ctx.principal),
        );
      },
    );
  };
}
