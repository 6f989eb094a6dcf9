// Live progress of an operation run from its server-sent events stream
// (GET /api/v1/operation-runs/{id}/events). EventSource cannot send an Authorization header,
// so the stream is read with fetch; it ends when the run completes.
import { ApiError } from './api.ts';
import type { Run } from './api-types.ts';

export async function watchRun(token: string, id: number, onRun: (run: Run) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(`/api/v1/operation-runs/${id}/events`, {
    headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
    signal,
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
    throw new ApiError(res.status, body.error ?? `http.${res.status}`, body.message ?? 'the run could not be watched');
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (event === 'run' && data.length) onRun(JSON.parse(data.join('\n')) as Run);
      if (event === 'end') {
        await reader.cancel().catch(() => {});
        return;
      }
      if (event === 'error') throw new Error('the run stream reported an error');
    }
  }
}
