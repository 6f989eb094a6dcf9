import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  findResourceTypeDocument,
  findSchemaDocument,
  listResponse,
  parsePagination,
  resourceTypeDocuments,
  schemaDocuments,
  serviceProviderConfig,
} from '../../../src/scim/protocol/discovery.ts';
import { resourceMeta } from '../../../src/scim/protocol/responses.ts';

const BASE = 'https://sb.example/scim/v2/cfg-1/';

type Attr = { name: string; type: string; subAttributes?: Attr[]; [k: string]: unknown };

test('ServiceProviderConfig advertises what the service supports', () => {
  const spc = serviceProviderConfig(BASE, { maxOperations: 50, maxPayloadSize: 2048, maxResults: 100 });
  assert.deepEqual(spc.schemas, ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig']);
  assert.deepEqual(spc.patch, { supported: true });
  assert.deepEqual(spc.bulk, { supported: true, maxOperations: 50, maxPayloadSize: 2048 });
  assert.deepEqual(spc.filter, { supported: true, maxResults: 100 });
  assert.deepEqual(spc.changePassword, { supported: false });
  assert.deepEqual(spc.sort, { supported: true });
  assert.deepEqual(spc.etag, { supported: true });
  const schemes = spc.authenticationSchemes as { type: string; primary: boolean }[];
  assert.equal(schemes[0].type, 'oauthbearertoken');
  assert.equal(schemes[0].primary, true);
  assert.deepEqual(spc.meta, { resourceType: 'ServiceProviderConfig', location: 'https://sb.example/scim/v2/cfg-1/ServiceProviderConfig' });
  assert.deepEqual((serviceProviderConfig(BASE).filter as { maxResults: number }).maxResults, 200);
});

test('ResourceTypes: User with the enterprise extension, and Group', () => {
  const docs = resourceTypeDocuments(BASE);
  assert.deepEqual(docs[0], {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
    schemaExtensions: [{ schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false }],
    meta: { resourceType: 'ResourceType', location: 'https://sb.example/scim/v2/cfg-1/ResourceTypes/User' },
  });
  assert.equal(docs[1].id, 'Group');
  assert.equal(docs[1].endpoint, '/Groups');
  assert.deepEqual(docs[1].schemaExtensions, []);
  assert.equal(findResourceTypeDocument(BASE, 'group')?.id, 'Group');
  assert.equal(findResourceTypeDocument(BASE, 'Device'), undefined);
});

test('Schemas: full attribute definitions for User, Group and Enterprise User', () => {
  const docs = schemaDocuments(BASE);
  assert.deepEqual(
    docs.map((d) => d.id),
    ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:core:2.0:Group', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
  );
  const user = docs[0];
  assert.deepEqual(user.schemas, ['urn:ietf:params:scim:schemas:core:2.0:Schema']);
  assert.deepEqual(user.meta, {
    resourceType: 'Schema',
    location: 'https://sb.example/scim/v2/cfg-1/Schemas/urn:ietf:params:scim:schemas:core:2.0:User',
  });
  const attrs = user.attributes as Attr[];
  assert.deepEqual(
    attrs.map((a) => a.name),
    [
      'userName',
      'name',
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'active',
      'password',
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'addresses',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
    ],
  );
  assert.deepEqual(attrs[0], {
    name: 'userName',
    type: 'string',
    multiValued: false,
    description: attrs[0].description,
    required: true,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'always',
    uniqueness: 'server',
  });
  const emails = attrs.find((a) => a.name === 'emails') as Attr;
  assert.equal(emails.multiValued, true);
  assert.equal(emails.caseExact, undefined); // complex attributes carry no caseExact
  assert.deepEqual(
    emails.subAttributes?.map((s) => s.name),
    ['value', 'display', 'type', 'primary'],
  );
  assert.deepEqual(emails.subAttributes?.[2].canonicalValues, ['work', 'home', 'other']);
  const password = attrs.find((a) => a.name === 'password') as Attr;
  assert.equal(password.mutability, 'writeOnly');
  assert.equal(password.returned, 'never');
  const groups = attrs.find((a) => a.name === 'groups') as Attr;
  assert.equal(groups.mutability, 'readOnly');
  assert.deepEqual(groups.subAttributes?.find((s) => s.name === '$ref')?.referenceTypes, ['User', 'Group']);

  const members = (docs[1].attributes as Attr[]).find((a) => a.name === 'members') as Attr;
  assert.deepEqual(
    members.subAttributes?.map((s) => s.name),
    ['value', '$ref', 'type', 'display'],
  );
  const ent = docs[2].attributes as Attr[];
  assert.deepEqual(
    ent.map((a) => a.name),
    ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'],
  );
  assert.deepEqual(
    ent[5].subAttributes?.map((s) => [s.name, s.mutability]),
    [
      ['value', 'readWrite'],
      ['$ref', 'readWrite'],
      ['displayName', 'readOnly'],
    ],
  );
  // Every attribute definition has the RFC 7643 §7 characteristics.
  const walk = (list: Attr[]) => {
    for (const a of list) {
      for (const k of ['name', 'type', 'multiValued', 'description', 'required', 'mutability', 'returned', 'uniqueness']) {
        assert.ok(k in a, `${a.name} lacks ${k}`);
      }
      if (a.subAttributes) walk(a.subAttributes);
    }
  };
  for (const d of docs) walk(d.attributes as Attr[]);
  assert.equal(findSchemaDocument(BASE, 'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:GROUP')?.name, 'Group');
  assert.equal(findSchemaDocument(BASE, 'urn:nope'), undefined);
});

test('ListResponse and paging parameters', () => {
  assert.deepEqual(listResponse([{ id: 'a' }], { totalResults: 10, startIndex: 3 }), {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: 10,
    startIndex: 3,
    itemsPerPage: 1,
    Resources: [{ id: 'a' }],
  });
  assert.deepEqual(listResponse([]), {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: 0,
    startIndex: 1,
    itemsPerPage: 0,
    Resources: [],
  });
  assert.deepEqual(parsePagination('0', '-5', 100), { startIndex: 1, count: 0, offset: 0 });
  assert.deepEqual(parsePagination('11', '500', 100), { startIndex: 11, count: 100, offset: 10 });
  assert.deepEqual(parsePagination(undefined, 'abc', 100, 20), { startIndex: 1, count: 20, offset: 0 });
});

test('resource meta: location from the base URL and a weak ETag from the version', () => {
  assert.deepEqual(resourceMeta(BASE, 'Group', { id: 'g 1', createdAt: new Date('2024-01-01T00:00:00Z'), updatedAt: '2024-01-02T00:00:00Z', version: 3 }), {
    resourceType: 'Group',
    created: '2024-01-01T00:00:00.000Z',
    lastModified: '2024-01-02T00:00:00.000Z',
    location: 'https://sb.example/scim/v2/cfg-1/Groups/g%201',
    version: 'W/"3"',
  });
});
