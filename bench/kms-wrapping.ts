// The measurement behind docs/decisions.md, "The KMS wraps key-encryption keys, not data keys":
// sealing and opening secrets with the key-encryption key in memory (what Switchboard does: the
// KMS is asked once per version per refresh interval) against asking the KMS for every data key
// (GenerateDataKey per seal, Decrypt per open), through the official AWS SDK to the loopback
// simulator with 1 ms added latency (SIM_LATENCY_MS), 10 operations in flight.
import { randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { aadFor, open, seal } from '../src/core/vault/envelope.ts';
import { startAwsKmsSimulator } from '../test/simulators/kms/aws-kms.ts';
import { createCipheriv, createDecipheriv } from 'node:crypto';

const OPS = Number(process.env.BENCH_OPS ?? 2000);
const CONCURRENCY = 10;
const latency = Number(process.env.SIM_LATENCY_MS ?? 1);

async function run(name: string, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < OPS) await op(next++);
    }),
  );
  const rate = OPS / ((performance.now() - started) / 1000);
  console.log(`${name.padEnd(58)} ${rate.toFixed(0).padStart(8)} ops/s`);
  return rate;
}

const sim = await startAwsKmsSimulator();
process.env.AWS_ACCESS_KEY_ID = sim.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = sim.secretAccessKey;
const arn = sim.createKey();
sim.control.slow(latency);
const client = new KMSClient({ region: sim.region, endpoint: sim.url, maxAttempts: 1 });
const binding = (i: number) => ({ workspaceId: '00000000-0000-0000-0000-000000000001', recordType: 'bench', recordId: String(i), field: 'secret' });
const plaintext = 'sk-bench-0123456789abcdef0123456789';

console.log(`${OPS} operations, ${CONCURRENCY} in flight, KMS simulator latency ${latency} ms`);
const kek = randomBytes(32);
const sealed: ReturnType<typeof seal>[] = [];
const aSeal = await run('KEK in memory: seal (data key wrapped locally)', async (i) => void (sealed[i] = seal(kek, 1, plaintext, binding(i))));
const aOpen = await run('KEK in memory: open', async (i) => open(kek, sealed[i], binding(i)));

const direct: Array<{ blob: Uint8Array; iv: Buffer; ct: Buffer; tag: Buffer }> = [];
const ctx = (i: number) => ({ workspace: binding(i).workspaceId, record: `bench/${i}/secret` });
const bSeal = await run('KMS per data key: seal (GenerateDataKey + AES-GCM)', async (i) => {
  const r = await client.send(new GenerateDataKeyCommand({ KeyId: arn, KeySpec: 'AES_256', EncryptionContext: ctx(i) }));
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', Buffer.from(r.Plaintext!), iv);
  c.setAAD(aadFor(binding(i)));
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  direct[i] = { blob: r.CiphertextBlob!, iv, ct, tag: c.getAuthTag() };
});
const bOpen = await run('KMS per data key: open (Decrypt + AES-GCM)', async (i) => {
  const r = await client.send(new DecryptCommand({ KeyId: arn, CiphertextBlob: direct[i].blob, EncryptionContext: ctx(i) }));
  const d = createDecipheriv('aes-256-gcm', Buffer.from(r.Plaintext!), direct[i].iv);
  d.setAAD(aadFor(binding(i)));
  d.setAuthTag(direct[i].tag);
  return Buffer.concat([d.update(direct[i].ct), d.final()]).toString();
});
console.log(
  `ratio seal ${(aSeal / bSeal).toFixed(0)}x, open ${(aOpen / bOpen).toFixed(0)}x in favour of the KEK in memory; KMS calls: ${sim.control.count('GenerateDataKey') + sim.control.count('Decrypt')} for the per-data-key variant, 0 for the other`,
);
client.destroy();
await sim.close();
