// deploy/helm/switchboard renders (test/deploy/helm-template.ts) to valid Kubernetes objects with
// probes and a locked-down security context, runs only the CLI commands the image's entry point
// (the `switchboard` npm script) knows, and never carries a secret value — for its defaults and
// for every way of giving it the keys. Each rule is also fed a broken rendering, to see it fail.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { loadContext, ROOT, type Context } from './context.ts';
import { renderChart, type Values, YAML11 } from './helm-template.ts';
import { containersOf, type K8sObject, manifestProblems } from './manifest-checks.ts';
import { secretsIn } from './secret-scan.ts';

const CHART = join(ROOT, 'deploy/helm/switchboard');
const BASE: Values = { publicUrl: 'https://switchboard.example.com' };
let ctx: Context;
before(() => {
  ctx = loadContext();
});

function rendered(values: Values = {}, name = 'switchboard') {
  const r = renderChart(CHART, { name, namespace: 'switchboard', values: { ...BASE, ...values } });
  const v = r.values as any;
  const secretNames = new Set<string>([v.database.existingSecret, v.keys.secret.name, v.bootstrapToken.existingSecret].filter(Boolean));
  return { ...r, objects: r.objects as K8sObject[], expect: { secretNames, keysSource: v.keys.source } };
}

const LONGEST = `switchboard-${'x'.repeat(41)}`; // Helm refuses release names over 53 characters
const find = (objects: K8sObject[], kind: string, suffix: string) => objects.find((o) => o.kind === kind && o.metadata.name.endsWith(suffix))!;

const VARIANTS: [string, Values][] = [
  ['the defaults (keyring from a Secret, as SWITCHBOARD_KEYRING)', {}],
  ['keys.source=secretFile', { keys: { source: 'secretFile', secret: { name: 'sb-keys', key: 'keyring.json' } } }],
  ['keys.source=csi (an external KMS through the Secrets Store CSI driver)', { keys: { source: 'csi', csi: { secretProviderClass: 'switchboard-keyvault' } } }],
  ['autoscaling off, fixed replicas', { api: { autoscaling: { enabled: false }, replicas: 3 }, worker: { autoscaling: { enabled: false }, replicas: 2 } }],
  [
    'a digest-pinned image from a registry, pull secrets, node selector, tolerations',
    {
      image: { repository: 'registry.example.com/platform/switchboard', digest: `sha256:${'ab'.repeat(32)}` },
      imagePullSecrets: [{ name: 'regcred' }],
      nodeSelector: { pool: 'apps' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'apps', effect: 'NoSchedule' }],
    },
  ],
  [
    'a bootstrap token Secret, a storage class, more environment',
    {
      bootstrapToken: { existingSecret: 'sb-bootstrap' },
      auditCheckpoints: { storageClassName: 'efs' },
      env: { LOG_LEVEL: 'debug', SWITCHBOARD_WORKER_CONCURRENCY: 8, SWITCHBOARD_ALLOW_PRIVATE_NETWORKS: false },
    },
  ],
  ['the longest release name Helm accepts (53 characters)', {}],
];

describe('the chart renders to what a cluster needs', () => {
  for (const [what, values] of VARIANTS) {
    test(what, () => {
      const r = rendered(values, what.startsWith('the longest release name') ? LONGEST : 'switchboard');
      assert.deepEqual(manifestProblems(r.objects, ctx, r.expect), []);
      assert.deepEqual(
        r.objects.map((o) => o.kind).sort(),
        [
          'Deployment',
          'Deployment',
          'Job',
          'PersistentVolumeClaim',
          'PodDisruptionBudget',
          'PodDisruptionBudget',
          'Service',
          'ServiceAccount',
          ...(values.api ? [] : ['HorizontalPodAutoscaler', 'HorizontalPodAutoscaler']),
        ].sort(),
      );
      for (const [file, text] of r.files) assert.deepEqual(secretsIn(text), [], `${file} holds a secret value`);
      assert.deepEqual(secretsIn(r.notes), []);
    });
  }

  test('the defaults in detail: commands, probes, security context, keys, hook', () => {
    const { objects } = rendered();
    const api = find(objects, 'Deployment', '-api');
    const worker = find(objects, 'Deployment', '-worker');
    const job = find(objects, 'Job', '-migrate');
    assert.deepEqual(
      [api, worker, job].map((o) => containersOf(o)[0].args),
      [['serve'], ['worker'], ['migrate']],
    );
    const c = containersOf(api)[0];
    assert.deepEqual([c.startupProbe.httpGet.path, c.livenessProbe.httpGet.path, c.readinessProbe.httpGet.path], ['/healthz', '/healthz', '/readyz']);
    for (const w of [api, worker, job]) {
      const sc = containersOf(w)[0].securityContext;
      assert.deepEqual([sc.runAsNonRoot, sc.readOnlyRootFilesystem, sc.allowPrivilegeEscalation, sc.capabilities.drop], [true, true, false, ['ALL']]);
      assert.equal(w.spec.template.spec.securityContext.runAsUser, 10001, 'the Dockerfile user');
    }
    const env = (o: K8sObject) => Object.fromEntries(containersOf(o)[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    assert.deepEqual(env(api).SWITCHBOARD_KEYRING, { secretKeyRef: { name: 'switchboard-keyring', key: 'keyring' } });
    assert.equal(env(job).SWITCHBOARD_KEYRING, undefined, 'migrating needs no key');
    assert.equal(env(api).SWITCHBOARD_PUBLIC_URL, 'https://switchboard.example.com');
    assert.equal(api.spec.replicas, undefined, 'the HorizontalPodAutoscaler owns the count');
    assert.equal(job.metadata.annotations?.['helm.sh/hook'], 'pre-install,pre-upgrade');
    assert.equal(containersOf(api)[0].image, `switchboard:${(parse(readFileSync(join(CHART, 'Chart.yaml'), 'utf8')) as { appVersion: string }).appVersion}`);
  });

  test('a keyring file from a Secret is mounted 0440 (YAML 1.1 octal, as Kubernetes reads it), group-readable through fsGroup', () => {
    const { objects } = rendered({ keys: { source: 'secretFile', secret: { name: 'sb-keys', key: 'keyring.json' } } });
    const spec = find(objects, 'Deployment', '-api').spec.template.spec;
    const vol = spec.volumes.find((v: any) => v.name === 'keyring');
    assert.equal(vol.secret.defaultMode, 0o440);
    assert.deepEqual(vol.secret.items, [{ key: 'keyring.json', path: 'keyring.json' }]);
    assert.equal(spec.securityContext.fsGroup, 10001);
  });

  test('names stay within 63 characters for the longest release name', () => {
    const { objects } = rendered({}, LONGEST);
    for (const o of objects) assert.ok(o.metadata.name.length <= 63, o.metadata.name);
  });

  test('NOTES.txt says where the vendor token is', () => {
    assert.match(rendered().notes, /printed the vendor \(operator\) token once, to its log/);
    assert.match(rendered({ bootstrapToken: { existingSecret: 'sb-bootstrap' } }).notes, /in the Secret sb-bootstrap/);
  });

  test('every value the templates read exists in values.yaml', async () => {
    const { valuesPathsUsed } = await import('./helm-template.ts');
    const values = parse(readFileSync(join(CHART, 'values.yaml'), 'utf8'), YAML11) as Values;
    const missing = valuesPathsUsed(CHART).filter(
      (p) => p.split('.').reduce<any>((v, k) => (v && typeof v === 'object' && k in v ? v[k] : undefined), values) === undefined,
    );
    assert.deepEqual(missing, []);
  });

  test('a Chart.yaml Helm 3 accepts', () => {
    const chart = parse(readFileSync(join(CHART, 'Chart.yaml'), 'utf8')) as Record<string, string>;
    assert.equal(chart.apiVersion, 'v2');
    assert.equal(chart.name, 'switchboard');
    assert.match(chart.version, /^\d+\.\d+\.\d+$/);
    assert.equal(chart.type, 'application');
    assert.equal(typeof chart.appVersion, 'string');
  });
});

describe('the chart refuses values it cannot honour', () => {
  test('no publicUrl', () => assert.throws(() => renderChart(CHART, {}), /publicUrl is required/));
  test('an unknown keys.source', () =>
    assert.throws(() => rendered({ keys: { source: 'vault' } }), /keys.source must be secretEnv, secretFile or csi, not "vault"/));
  test('csi without a SecretProviderClass', () => assert.throws(() => rendered({ keys: { source: 'csi' } }), /keys.csi.secretProviderClass is required/));
});

describe('each rule fails on a rendering that breaks it', () => {
  const broken: [string, Values | ((o: K8sObject[]) => void), RegExp][] = [
    ['a keyring written into the values', { env: { SWITCHBOARD_KEYRING: '1:AAAA' } }, /SWITCHBOARD_KEYRING has a literal value/],
    ['a writable root filesystem', { containerSecurityContext: { readOnlyRootFilesystem: false } }, /readOnlyRootFilesystem is not true/],
    ['capabilities kept', { containerSecurityContext: { capabilities: { drop: [] } } }, /capabilities do not drop ALL/],
    ['privilege escalation allowed', { containerSecurityContext: { allowPrivilegeEscalation: true } }, /allowPrivilegeEscalation is not false/],
    ['root allowed', { podSecurityContext: { runAsNonRoot: false } }, /runAsNonRoot is not true/],
    ['uid 0', { podSecurityContext: { runAsUser: 0 } }, /not a non-root uid/],
    [
      'a PodDisruptionBudget that blocks every drain',
      { api: { podDisruptionBudget: { minAvailable: 2 } } },
      /minAvailable 2 with as few as 2 replicas blocks every drain/,
    ],
    ['a latest image', { image: { tag: 'latest' } }, /not pinned to a version/],
    ['no memory limit', { worker: { resources: { limits: { memory: null } } } }, /no memory limit/],
    [
      'a Secret volume the operator does not create',
      (o) => find(o, 'Deployment', '-api').spec.template.spec.volumes.push({ name: 'x', secret: { secretName: 'other' } }),
      /unknown Secret other/,
    ],
    ['a readiness probe gone', (o) => delete containersOf(find(o, 'Deployment', '-api'))[0].readinessProbe, /readinessProbe is not an HTTP GET of \/readyz/],
    ['a misspelt field', (o) => (containersOf(find(o, 'Deployment', '-api'))[0].readinesProbe = {}), /Container has no field "readinesProbe"/],
    ['a command the CLI does not have', (o) => (containersOf(find(o, 'Deployment', '-worker'))[0].args = ['work']), /args \["work"\] are not a CLI command/],
    ['the entry point overridden', (o) => (containersOf(find(o, 'Job', '-migrate'))[0].command = ['sh', '-c']), /overrides the image's entry point/],
    [
      'a number as an environment value',
      (o) => containersOf(find(o, 'Deployment', '-api'))[0].env.push({ name: 'N', value: 3 }),
      /N is a number, not a string/,
    ],
    [
      'workers inline on the API nodes',
      (o) => (containersOf(find(o, 'Deployment', '-api'))[0].env.find((e: any) => e.name === 'SWITCHBOARD_WORKER_MODE').value = 'inline'),
      /SWITCHBOARD_WORKER_MODE is not "off"/,
    ],
    [
      'the keys given to the migration',
      (o) =>
        containersOf(find(o, 'Job', '-migrate'))[0].env.push({
          name: 'SWITCHBOARD_KEYRING',
          valueFrom: { secretKeyRef: { name: 'switchboard-keyring', key: 'keyring' } },
        }),
      /migration is given the keys/,
    ],
    ['the migration not a hook', (o) => delete find(o, 'Job', '-migrate').metadata.annotations!['helm.sh/hook'], /not a pre-install,pre-upgrade hook/],
    [
      'a Service selecting the workers',
      (o) => (find(o, 'Service', 'switchboard').spec.selector['app.kubernetes.io/component'] = 'worker'),
      /not the API Deployment alone/,
    ],
    [
      'a Secret object in the chart',
      (o) => o.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'switchboard' } } }),
      /unexpected kind/,
    ],
    ['replicas next to an autoscaler', (o) => (find(o, 'Deployment', '-api').spec.replicas = 2), /also sets replicas/],
    [
      'the checkpoints on an emptyDir',
      (o) => (find(o, 'Deployment', '-worker').spec.template.spec.volumes.find((v: any) => v.name === 'audit-checkpoints').persistentVolumeClaim = undefined),
      /not on a persistent volume|not exactly one known one/,
    ],
  ];
  for (const [what, change, problem] of broken) {
    test(what, () => {
      const r = typeof change === 'function' ? rendered() : rendered(change);
      if (typeof change === 'function') change(r.objects);
      const problems = manifestProblems(r.objects, ctx, r.expect);
      assert.ok(
        problems.some((p) => problem.test(p)),
        `expected ${problem} among:\n${problems.join('\n')}`,
      );
    });
  }

  test('the secret scan finds each kind of secret value in a manifest', () => {
    const canaries = [
      'value: postgres://switchboard:hunter2hunter2@db:5432/switchboard',
      `value: "1:${Buffer.alloc(32, 7).toString('base64')}"`,
      `{"keys":[{"version":1,"key":"${Buffer.alloc(32, 9).toString('base64')}"}]}`,
      `value: sbt_${'A'.repeat(43)}`,
      '-----BEGIN PRIVATE KEY-----',
      'kind: Secret',
    ];
    for (const c of canaries) assert.equal(secretsIn(c).length, 1, c);
    assert.deepEqual(
      secretsIn(
        'url: postgres://switchboard:${POSTGRES_PASSWORD:?set it}@postgres:5432/db\nname: switchboard-keyring\nsbt_<at least 22 url-safe base64 characters>',
      ),
      [],
    );
  });
});
