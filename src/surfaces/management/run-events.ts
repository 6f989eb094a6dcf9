// A run's progress as server-sent events. The run row is the source of truth and is polled
// (cheap primary-key read), so this works the same with one node or many, with or without
// LISTEN/NOTIFY. A stream outlives the request that authenticated it, so every tick also asks
// whether the credential that opened it still works: a revoked or expired token (or a disabled
// member) ends the stream with a final `end` event naming why, within one tick.
import type { FastifyReply, FastifyRequest } from 'fastify';

const POLL_MS = 500;
const KEEPALIVE_MS = 15_000;

export async function streamRunEvents(
  req: FastifyRequest,
  reply: FastifyReply,
  load: () => Promise<{ status: string; updated_at: string | null; id: number }>,
  endReason: () => Promise<string | null>,
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-request-id': req.id,
    'x-accel-buffering': 'no',
  });
  let closed = false;
  req.raw.on('close', () => {
    closed = true;
  });
  const end = (reason: string) => res.write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
  let last = '';
  let lastWrite = Date.now();
  let eventId = 0;
  while (!closed) {
    let run: Awaited<ReturnType<typeof load>>;
    try {
      // The credential first: a revoked token must not receive one more event.
      const reason = await endReason();
      if (reason) {
        end(reason);
        break;
      }
      run = await load();
    } catch {
      res.write(`event: error\ndata: ${JSON.stringify({ error: 'operation_run.unavailable' })}\n\n`);
      break;
    }
    const stamp = `${run.status}|${run.updated_at}`;
    if (stamp !== last) {
      last = stamp;
      res.write(`id: ${++eventId}\nevent: run\ndata: ${JSON.stringify(run)}\n\n`);
      lastWrite = Date.now();
    } else if (Date.now() - lastWrite > KEEPALIVE_MS) {
      res.write(': keep-alive\n\n');
      lastWrite = Date.now();
    }
    if (run.status === 'completed') {
      end('completed');
      break;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  res.end();
}
