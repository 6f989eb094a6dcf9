import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Exchange, FailureMode } from './types.ts';

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function text(res: ServerResponse, status: number, body: string, contentType = 'text/plain'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function bearer(ex: Exchange): string | undefined {
  const value = ex.req.headers.authorization ?? '';
  const match = /^(?:Bearer|token)\s+(\S+)$/i.exec(value);
  return match?.[1];
}

export function basic(ex: Exchange): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(ex.req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function header(ex: Exchange, name: string): string | undefined {
  const value = ex.req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function issueToken(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

export function notFound(ex: Exchange): void {
  json(ex.res, 404, { message: 'Not Found' });
}

/** Answers with the configured failure mode (a hanging request is simply never answered). */
export function answerFailure(ex: Exchange, mode: FailureMode): void {
  const { res } = ex;
  switch (mode) {
    case 'unauthorized':
      return json(res, 401, { message: 'Bad credentials' });
    case 'forbidden':
      return json(res, 403, { message: 'Forbidden' });
    case 'throttled':
      return json(res, 429, { message: 'Too Many Requests' }, { 'retry-after': '17' });
    case 'server_error':
      return json(res, 500, { message: 'Internal Server Error' });
    case 'not_found':
      return json(res, 404, { message: 'Not Found' });
    case 'accepted':
      res.writeHead(202, { 'content-length': '0' });
      return void res.end();
    case 'non_authoritative':
      return text(res, 203, '<html><body>Sign in to continue</body></html>', 'text/html');
    case 'redirect':
      res.writeHead(302, { location: `${ex.state.trapUrl}/captured`, 'content-length': '0' });
      return void res.end();
    case 'hang':
      return; // the socket is destroyed when the simulators close
  }
}
