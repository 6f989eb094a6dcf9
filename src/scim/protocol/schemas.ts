// The attribute table for the core User, Group and Enterprise User schemas (RFC 7643 §4, §8.7.1).
// One compact table drives everything: the /Schemas documents, filter type rules, PATCH
// canonical names and coercions, and projection returnability. Flags are spelled as words so
// each line reads like the RFC's table.

export type ResourceType = 'User' | 'Group';
type AttrType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';
type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
type Returned = 'always' | 'never' | 'default' | 'request';
type Uniqueness = 'none' | 'server' | 'global';

export interface AttrDef {
  name: string;
  type: AttrType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttrDef[];
}

export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttrDef[];
}

export const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

type Flag = 'multi' | 'required' | 'caseExact' | 'readOnly' | 'immutable' | 'writeOnly' | 'always' | 'never' | 'request' | 'server' | 'global';

interface Extra {
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttrDef[];
}

function attr(name: string, type: AttrType, description: string, flags = '', extra: Extra = {}): AttrDef {
  const f = new Set(flags.split(/\s+/).filter(Boolean) as Flag[]);
  const def: AttrDef = {
    name,
    type,
    multiValued: f.has('multi'),
    description,
    required: f.has('required'),
    caseExact: f.has('caseExact'),
    mutability: f.has('readOnly') ? 'readOnly' : f.has('immutable') ? 'immutable' : f.has('writeOnly') ? 'writeOnly' : 'readWrite',
    returned: f.has('always') ? 'always' : f.has('never') ? 'never' : f.has('request') ? 'request' : 'default',
    uniqueness: f.has('server') ? 'server' : f.has('global') ? 'global' : 'none',
  };
  if (extra.canonicalValues) def.canonicalValues = extra.canonicalValues;
  if (extra.referenceTypes) def.referenceTypes = extra.referenceTypes;
  if (extra.subAttributes) def.subAttributes = extra.subAttributes;
  return def;
}

const str = (name: string, description: string, flags = '') => attr(name, 'string', description, flags);
const complex = (name: string, description: string, subAttributes: AttrDef[], flags = '') => attr(name, 'complex', description, flags, { subAttributes });

/** The value/display/type/primary shape shared by emails, phoneNumbers, ims, photos, roles … */
function plural(name: string, description: string, types: string[] | undefined, value: AttrDef = str('value', `The value of the ${name} entry.`)): AttrDef {
  return complex(
    name,
    description,
    [
      value,
      str('display', 'A human-readable name, primarily used for display purposes.'),
      attr('type', 'string', "A label indicating the attribute's function.", '', types ? { canonicalValues: types } : {}),
      attr('primary', 'boolean', 'Whether this is the preferred value for this attribute; at most one entry may be primary.'),
    ],
    'multi',
  );
}

const USER_ATTRIBUTES: AttrDef[] = [
  str('userName', 'Unique identifier for the User, typically used by the user to directly authenticate to the service provider.', 'required server always'),
  complex('name', "The components of the user's real name.", [
    str('formatted', 'The full name, including all middle names, titles, and suffixes as appropriate, formatted for display.'),
    str('familyName', 'The family name of the User, or last name.'),
    str('givenName', 'The given name of the User, or first name.'),
    str('middleName', 'The middle name(s) of the User.'),
    str('honorificPrefix', "The honorific prefix(es) of the User, or title (e.g., 'Ms.')."),
    str('honorificSuffix', "The honorific suffix(es) of the User, or suffix (e.g., 'III')."),
  ]),
  str('displayName', 'The name of the User, suitable for display to end-users.'),
  str('nickName', 'The casual way to address the user in real life.'),
  attr('profileUrl', 'reference', "A fully qualified URL pointing to a page representing the User's online profile.", '', { referenceTypes: ['external'] }),
  str('title', 'The user\'s title, such as "Vice President".'),
  str('userType', 'Used to identify the relationship between the organization and the user (e.g. Employee, Contractor).'),
  str('preferredLanguage', "Indicates the User's preferred written or spoken language (RFC 7231 Accept-Language format)."),
  str('locale', "Used to indicate the User's default location for localization purposes (e.g. en-US)."),
  str('timezone', "The User's time zone in the IANA Time Zone database format (e.g. America/Los_Angeles)."),
  attr('active', 'boolean', "A Boolean value indicating the User's administrative status."),
  str('password', "The User's cleartext password; accepted and never stored or returned by this service.", 'writeOnly never'),
  plural('emails', 'Email addresses for the user.', ['work', 'home', 'other']),
  plural('phoneNumbers', 'Phone numbers for the User.', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
  plural('ims', 'Instant messaging addresses for the User.', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
  plural(
    'photos',
    'URLs of photos of the User.',
    ['photo', 'thumbnail'],
    attr('value', 'reference', 'URL of a photo of the User.', '', { referenceTypes: ['external'] }),
  ),
  complex(
    'addresses',
    'A physical mailing address for this User.',
    [
      str('formatted', 'The full mailing address, formatted for display or use with a mailing label.'),
      str('streetAddress', 'The full street address component.'),
      str('locality', 'The city or locality component.'),
      str('region', 'The state or region component.'),
      str('postalCode', 'The zip code or postal code component.'),
      str('country', 'The country name component (ISO 3166-1 alpha-2).'),
      attr('type', 'string', "A label indicating the attribute's function.", '', { canonicalValues: ['work', 'home', 'other'] }),
      attr('primary', 'boolean', 'Whether this is the preferred mailing address.'),
    ],
    'multi',
  ),
  complex(
    'groups',
    'A list of groups to which the user belongs, either through direct membership or nested groups.',
    [
      str('value', "The identifier of the User's group.", 'readOnly'),
      attr('$ref', 'reference', 'The URI of the corresponding Group resource.', 'readOnly', { referenceTypes: ['User', 'Group'] }),
      str('display', 'A human-readable name, primarily used for display purposes.', 'readOnly'),
      attr('type', 'string', 'Whether membership is direct or indirect.', 'readOnly', { canonicalValues: ['direct', 'indirect'] }),
    ],
    'multi readOnly',
  ),
  plural('entitlements', 'A list of entitlements for the User that represent a thing the User has.', undefined),
  plural('roles', 'A list of roles for the User that collectively represent who the User is.', undefined),
  plural('x509Certificates', 'A list of certificates issued to the User.', undefined, attr('value', 'binary', 'The value of an X.509 certificate.')),
];

const GROUP_ATTRIBUTES: AttrDef[] = [
  // uniqueness "server": this service keeps group display names unique per configuration.
  str('displayName', 'A human-readable name for the Group.', 'required server'),
  complex(
    'members',
    'A list of members of the Group.',
    [
      str('value', 'Identifier of the member of this Group.', 'immutable'),
      attr('$ref', 'reference', 'The URI corresponding to a SCIM resource that is a member of this Group.', 'immutable', { referenceTypes: ['User', 'Group'] }),
      attr('type', 'string', "A label indicating the type of resource, e.g., 'User' or 'Group'.", 'immutable', { canonicalValues: ['User', 'Group'] }),
      str('display', 'A human-readable name for the member.', 'immutable'),
    ],
    'multi',
  ),
];

const ENTERPRISE_ATTRIBUTES: AttrDef[] = [
  str('employeeNumber', 'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization.'),
  str('costCenter', 'Identifies the name of a cost center.'),
  str('organization', 'Identifies the name of an organization.'),
  str('division', 'Identifies the name of a division.'),
  str('department', 'Identifies the name of a department.'),
  complex('manager', "The User's manager.", [
    str('value', "The id of the SCIM resource representing the User's manager."),
    attr('$ref', 'reference', "The URI of the SCIM resource representing the User's manager.", '', { referenceTypes: ['User'] }),
    str('displayName', "The displayName of the User's manager.", 'readOnly'),
  ]),
];

/** Common attributes (RFC 7643 §3.1) every resource has; they are not listed in /Schemas. */
export const COMMON_ATTRIBUTES: AttrDef[] = [
  str('id', 'A unique identifier for a SCIM resource as defined by the service provider.', 'readOnly always caseExact server'),
  str('externalId', 'A String that is an identifier for the resource as defined by the provisioning client.', 'caseExact'),
  complex(
    'meta',
    'A complex attribute containing resource metadata.',
    [
      str('resourceType', 'The name of the resource type of the resource.', 'readOnly caseExact'),
      attr('created', 'dateTime', 'The DateTime that the resource was added to the service provider.', 'readOnly'),
      attr('lastModified', 'dateTime', 'The most recent DateTime that the details of this resource were updated at the service provider.', 'readOnly'),
      attr('location', 'reference', 'The URI of the resource being returned.', 'readOnly caseExact', { referenceTypes: ['uri'] }),
      str('version', 'The version of the resource being returned.', 'readOnly caseExact'),
    ],
    'readOnly always',
  ),
  attr('schemas', 'reference', 'The schema URIs the resource conforms to.', 'multi always', { referenceTypes: ['uri'] }),
];

export const USER_SCHEMA: SchemaDef = {
  id: CORE_USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: USER_ATTRIBUTES,
};
const GROUP_SCHEMA: SchemaDef = {
  id: CORE_GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: GROUP_ATTRIBUTES,
};
const ENTERPRISE_USER_SCHEMA_DEF: SchemaDef = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: ENTERPRISE_ATTRIBUTES,
};

export const ALL_SCHEMAS: readonly SchemaDef[] = [USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA_DEF];

export interface ResourceTypeDef {
  name: ResourceType;
  endpoint: string;
  description: string;
  schema: SchemaDef;
  extensions: { schema: SchemaDef; required: boolean }[];
}

export const RESOURCE_TYPES: Record<ResourceType, ResourceTypeDef> = {
  User: {
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: USER_SCHEMA,
    extensions: [{ schema: ENTERPRISE_USER_SCHEMA_DEF, required: false }],
  },
  Group: { name: 'Group', endpoint: '/Groups', description: 'Group', schema: GROUP_SCHEMA, extensions: [] },
};

function isResourceType(value: unknown): value is ResourceType {
  return value === 'User' || value === 'Group';
}

export function findAttr(list: readonly AttrDef[] | undefined, name: string): AttrDef | undefined {
  if (!list) return undefined;
  const lower = name.toLowerCase();
  return list.find((a) => a.name.toLowerCase() === lower);
}
