-- What a SCIM configuration does with attributes its schemas do not define (issue 14):
-- unknown core attributes are ignored (the default: identity providers send what their mapping
-- says, and refusing a whole user for one attribute stops provisioning) or rejected; attributes
-- of undeclared extension schemas are learned per configuration (src/scim/protocol/learned.ts)
-- and kept here, one key per (resource type, schema, attribute), so /Schemas can list them and
-- filters can address them.
ALTER TABLE scim_configurations
  ADD COLUMN unknown_attribute_policy text NOT NULL DEFAULT 'ignore' CHECK (unknown_attribute_policy IN ('ignore', 'reject')),
  ADD COLUMN learned_schemas jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(learned_schemas) = 'object');
