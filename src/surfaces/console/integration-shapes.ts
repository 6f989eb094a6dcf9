// The integrations form's fields, generated from the provider catalog's credential and config
// schemas (src/providers/integrations), so the console never hard-codes a provider: a new
// provider or auth type shows up in the form by itself. Secret fields are marked so the form
// masks them; no value ever travels this way.
import type { Static } from 'typebox';
import { getProviderSpec, PROVIDERS, secretFieldsOf } from '../../providers/integrations/index.ts';
import type { ShapeField as ShapeFieldSchema } from './schemas.ts';

/** One form field, as the route's response schema has it. */
export type ShapeField = Static<typeof ShapeFieldSchema>;

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  pattern?: string;
  maxLength?: number;
  description?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  const?: unknown;
}

const ACRONYMS: Record<string, string> = { id: 'ID', url: 'URL', api: 'API', pem: 'PEM', pat: 'PAT' };

/** `organization_url` → "Organization URL", `appId` → "App ID". */
function labelOf(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function optionsOf(s: JsonSchema): string[] | undefined {
  if (Array.isArray(s.enum) && s.enum.every((v) => typeof v === 'string')) return s.enum as string[];
  if (s.anyOf?.length && s.anyOf.every((a) => typeof a.const === 'string')) return s.anyOf.map((a) => a.const as string);
  return undefined;
}

function fieldsOf(schema: unknown, secretFields: readonly string[]): ShapeField[] {
  const s = schema as JsonSchema | undefined;
  if (!s?.properties) return [];
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties).map(([name, prop]) => {
    const secret = secretFields.includes(name);
    const options = optionsOf(prop);
    const pem = typeof prop.pattern === 'string' && prop.pattern.includes('-----BEGIN');
    const url = typeof prop.pattern === 'string' && prop.pattern.startsWith('^https?://');
    const input: ShapeField['input'] = options ? 'select' : pem ? 'textarea' : secret ? 'password' : url ? 'url' : 'text';
    return {
      name,
      label: labelOf(name),
      required: required.has(name),
      secret,
      input,
      ...(options ? { options } : {}),
      ...(typeof prop.pattern === 'string' && !pem ? { pattern: prop.pattern } : {}),
      ...(typeof prop.maxLength === 'number' ? { maxLength: prop.maxLength } : {}),
      ...(prop.description ? { description: `Must be ${prop.description}.` } : {}),
    };
  });
}

export function integrationShapes() {
  return {
    providers: PROVIDERS.map((provider) => {
      const spec = getProviderSpec(provider);
      return {
        provider,
        displayName: spec.displayName,
        category: spec.category,
        authTypes: Object.entries(spec.authTypes).map(([authType, a]) => ({
          authType,
          credentials: fieldsOf(a!.credentials, secretFieldsOf(provider, authType)),
          config: a!.config ? fieldsOf(a!.config, []) : [],
        })),
      };
    }),
  };
}
