export {
  PROVIDERS,
  getProviderSpec,
  secretFieldsOf,
} from './catalog.ts';
export type { IntegrationProvider } from './catalog.ts';
