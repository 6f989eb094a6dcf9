import { createApi } from './api.ts';
import type { Me } from './api-types.ts';

/** Who a token belongs to; a 401 ApiError when it is not accepted. */
export async function whoAmI(token: string): Promise<Me> {
  return createApi(token).get<Me>('/console/api/session');
}
