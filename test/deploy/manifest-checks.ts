// The rendered Helm chart's rules, checked on the Kubernetes objects themselves: well-formed
// objects (kinds and apiVersions, DNS names, only fields the Kubernetes API has in the parts
// the chart writes, value types), one API Deployment (`serve`, workers off, probes on
// /healthz and /readyz), one worker Deployment, one migration Job run as a Helm hook, every
// workload non-root with a read-only root filesystem and ALL capabilities dropped, secrets only
// by reference, and a Service, PodDisruptionBudgets and HorizontalPodAutoscalers that point at
// what exists.
import type { Context } from './context.ts';

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [k: string]: any;
};

const KINDS: Record<string, string> = {
  Deployment: 'apps/v1',
  Job: 'batch/v1',
  Service: 'v1',
  ServiceAccount: 'v1',
  PersistentVolumeClaim: 'v1',
  PodDisruptionBudget: 'policy/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
};
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/; // at most 63 characters

// Field names of the Kubernetes API (v1.30) for the objects the chart writes: a misspelt field
// (`readinesProbe`) would be dropped or refused by the API server.
const FIELDS: Record<string, string[]> = {
  PodSpec: [
    'volumes',
    'initContainers',
    'containers',
    'ephemeralContainers',
    'restartPolicy',
    'terminationGracePeriodSeconds',
    'activeDeadlineSeconds',
    'dnsPolicy',
    'nodeSelector',
    'serviceAccountName',
    'serviceAccount',
    'automountServiceAccountToken',
    'nodeName',
    'hostNetwork',
    'hostPID',
    'hostIPC',
    'shareProcessNamespace',
    'securityContext',
    'imagePullSecrets',
    'hostname',
    'subdomain',
    'affinity',
    'schedulerName',
    'tolerations',
    'hostAliases',
    'priorityClassName',
    'priority',
    'dnsConfig',
    'readinessGates',
    'runtimeClassName',
    'enableServiceLinks',
    'preemptionPolicy',
    'overhead',
    'topologySpreadConstraints',
    'setHostnameAsFQDN',
    'os',
    'hostUsers',
    'schedulingGates',
    'resourceClaims',
  ],
  Container: [
    'name',
    'image',
    'command',
    'args',
    'workingDir',
    'ports',
    'envFrom',
    'env',
    'resources',
    'resizePolicy',
    'restartPolicy',
    'volumeMounts',
    'volumeDevices',
    'livenessProbe',
    'readinessProbe',
    'startupProbe',
    'lifecycle',
    'terminationMessagePath',
    'terminationMessagePolicy',
    'imagePullPolicy',
    'securityContext',
    'stdin',
    'stdinOnce',
    'tty',
  ],
  SecurityContext: [
    'capabilities',
    'privileged',
    'seLinuxOptions',
    'windowsOptions',
    'runAsUser',
    'runAsGroup',
    'runAsNonRoot',
    'readOnlyRootFilesystem',
    'allowPrivilegeEscalation',
    'procMount',
    'seccompProfile',
    'appArmorProfile',
  ],
  PodSecurityContext: [
    'seLinuxOptions',
    'windowsOptions',
    'runAsUser',
    'runAsGroup',
    'runAsNonRoot',
    'supplementalGroups',
    'supplementalGroupsPolicy',
    'fsGroup',
    'sysctls',
    'fsGroupChangePolicy',
    'seccompProfile',
    'appArmorProfile',
    'seLinuxChangePolicy',
  ],
  Probe: [
    'exec',
    'httpGet',
    'tcpSocket',
    'grpc',
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
    'terminationGracePeriodSeconds',
  ],
  DeploymentSpec: ['replicas', 'selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'paused', 'progressDeadlineSeconds'],
  JobSpec: [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'podFailurePolicy',
    'successPolicy',
    'backoffLimit',
    'backoffLimitPerIndex',
    'maxFailedIndexes',
    'selector',
    'manualSelector',
    'template',
    'ttlSecondsAfterFinished',
    'completionMode',
    'suspend',
    'podReplacementPolicy',
    'managedBy',
  ],
  EnvVar: ['name', 'value', 'valueFrom'],
  VolumeMount: ['name', 'readOnly', 'recursiveReadOnly', 'mountPath', 'subPath', 'mountPropagation', 'subPathExpr'],
  ObjectMeta: ['name', 'generateName', 'namespace', 'labels', 'annotations', 'ownerReferences', 'finalizers'],
};
const VOLUME_SOURCES = ['emptyDir', 'secret', 'csi', 'persistentVolumeClaim', 'configMap', 'projected', 'downwardAPI', 'ephemeral', 'hostPath', 'nfs'];

/** Every container and init container of a workload's pod template. */
export function containersOf(o: K8sObject): any[] {
  const spec = podSpecOf(o);
  return spec ? [...(spec.initContainers ?? []), ...(spec.containers ?? [])] : [];
}

function podSpecOf(o: K8sObject): any | undefined {
  return o?.spec?.template?.spec;
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

function unknownFields(where: string, kind: string, obj: unknown, problems: string[]): void {
  if (obj === undefined) return;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    problems.push(`${where}: a ${kind} must be an object`);
    return;
  }
  for (const k of Object.keys(obj)) if (!FIELDS[kind].includes(k)) problems.push(`${where}: ${kind} has no field "${k}"`);
}

const isInt = (v: unknown) => Number.isInteger(v);

export interface ManifestExpectations {
  /** The Secrets the operator creates before installing (the chart names them, never makes them). */
  secretNames: Set<string>;
  /** keys.source of the values rendered. */
  keysSource: 'secretEnv' | 'secretFile' | 'csi';
}

export function manifestProblems(objects: K8sObject[], ctx: Context, expect: ManifestExpectations): string[] {
  const problems: string[] = [];
  const id = (o: K8sObject) => `${o?.kind}/${o?.metadata?.name}`;
  const seen = new Set<string>();
  for (const o of objects) {
    if (!o || typeof o !== 'object') {
      problems.push('a document that is not an object');
      continue;
    }
    if (!KINDS[o.kind]) problems.push(`${id(o)}: unexpected kind (a Secret or anything else not reviewed here)`);
    else if (o.apiVersion !== KINDS[o.kind]) problems.push(`${id(o)}: apiVersion ${o.apiVersion}, expected ${KINDS[o.kind]}`);
    unknownFields(id(o), 'ObjectMeta', o.metadata, problems);
    if (!o.metadata?.name || !DNS1123_LABEL.test(o.metadata.name) || o.metadata.name.length > 63)
      problems.push(`${id(o)}: metadata.name is not a DNS-1123 label`);
    for (const [k, v] of Object.entries({ ...o.metadata?.labels, ...o.metadata?.annotations }))
      if (typeof v !== 'string') problems.push(`${id(o)}: label or annotation ${k} is not a string`);
    for (const [k, v] of Object.entries(o.metadata?.labels ?? {}))
      if (typeof v === 'string' && !LABEL_VALUE.test(v)) problems.push(`${id(o)}: label ${k}=${v} is not a valid label value`);
    if (o.metadata?.labels?.['app.kubernetes.io/name'] !== 'switchboard') problems.push(`${id(o)}: no app.kubernetes.io/name=switchboard label`);
    if (seen.has(id(o))) problems.push(`${id(o)}: defined twice`);
    seen.add(id(o));
  }
  const of = (kind: string) => objects.filter((o) => o?.kind === kind);
  const deployments = of('Deployment');
  const workloads = [...deployments, ...of('Job')];
  const claims = new Set(of('PersistentVolumeClaim').map((o) => o.metadata.name));
  const accounts = new Set(of('ServiceAccount').map((o) => o.metadata.name));

  const command = (o: K8sObject) => containersOf(o)[0]?.args?.[0];
  const api = deployments.filter((d) => command(d) === 'serve');
  const workers = deployments.filter((d) => command(d) === 'worker');
  const jobs = of('Job').filter((j) => command(j) === 'migrate');
  if (api.length !== 1) problems.push(`${api.length} API Deployments (args serve), expected 1`);
  if (workers.length !== 1) problems.push(`${workers.length} worker Deployments (args worker), expected 1`);
  if (jobs.length !== 1) problems.push(`${jobs.length} migration Jobs (args migrate), expected 1`);
  for (const j of jobs) {
    const hook = j.metadata.annotations?.['helm.sh/hook'] ?? '';
    if (!hook.split(',').includes('pre-install') || !hook.split(',').includes('pre-upgrade'))
      problems.push(`${id(j)}: not a pre-install,pre-upgrade hook (pods would start before the schema is migrated)`);
    if (!(j.metadata.annotations?.['helm.sh/hook-delete-policy'] ?? '').includes('before-hook-creation'))
      problems.push(`${id(j)}: a finished Job would block the next release (Job specs are immutable)`);
  }

  for (const w of workloads) {
    const spec = podSpecOf(w);
    if (!spec) {
      problems.push(`${id(w)}: no pod template`);
      continue;
    }
    unknownFields(id(w), w.kind === 'Job' ? 'JobSpec' : 'DeploymentSpec', w.spec, problems);
    unknownFields(`${id(w)} pod`, 'PodSpec', spec, problems);
    unknownFields(`${id(w)} pod`, 'PodSecurityContext', spec.securityContext, problems);
    const tplLabels = w.spec?.template?.metadata?.labels;
    if (w.kind === 'Deployment' && !matches(w.spec?.selector?.matchLabels, tplLabels))
      problems.push(`${id(w)}: selector does not match its pod template's labels`);
    if (w.kind === 'Deployment' && w.spec.replicas !== undefined && !isInt(w.spec.replicas)) problems.push(`${id(w)}: replicas is not an integer`);
    if (w.kind === 'Job' && !['Never', 'OnFailure'].includes(spec.restartPolicy)) problems.push(`${id(w)}: restartPolicy must be Never or OnFailure`);
    if (spec.automountServiceAccountToken !== false) problems.push(`${id(w)}: mounts a service account token it does not need`);
    if (spec.serviceAccountName && !accounts.has(spec.serviceAccountName)) problems.push(`${id(w)}: service account ${spec.serviceAccountName} is not defined`);
    if (!isInt(spec.terminationGracePeriodSeconds ?? 30)) problems.push(`${id(w)}: terminationGracePeriodSeconds is not an integer`);
    const psc = spec.securityContext ?? {};
    if (psc.runAsNonRoot !== true) problems.push(`${id(w)}: pod securityContext.runAsNonRoot is not true`);
    if (!(isInt(psc.runAsUser) && psc.runAsUser > 0)) problems.push(`${id(w)}: pod securityContext.runAsUser is not a non-root uid`);
    if (psc.seccompProfile?.type !== 'RuntimeDefault') problems.push(`${id(w)}: pod seccompProfile is not RuntimeDefault`);
    const volumes = new Map<string, any>((spec.volumes ?? []).map((v: any) => [v.name, v]));
    for (const v of volumes.values()) {
      const sources = Object.keys(v).filter((k) => k !== 'name');
      if (sources.length !== 1 || !VOLUME_SOURCES.includes(sources[0]))
        problems.push(`${id(w)}: volume ${v.name} has sources ${sources.join(', ') || 'none'}, not exactly one known one`);
      if (v.persistentVolumeClaim && !claims.has(v.persistentVolumeClaim.claimName))
        problems.push(`${id(w)}: volume ${v.name} names a claim that is not defined`);
      if (v.secret && !expect.secretNames.has(v.secret.secretName)) problems.push(`${id(w)}: volume ${v.name} names an unknown Secret ${v.secret.secretName}`);
      if (v.secret?.defaultMode !== undefined && !(isInt(v.secret.defaultMode) && v.secret.defaultMode >= 0 && v.secret.defaultMode <= 0o777))
        problems.push(`${id(w)}: volume ${v.name} defaultMode ${v.secret.defaultMode} is not a file mode`);
      if (v.csi && (v.csi.driver !== 'secrets-store.csi.k8s.io' || v.csi.readOnly !== true || !v.csi.volumeAttributes?.secretProviderClass))
        problems.push(`${id(w)}: volume ${v.name} is not a read-only Secrets Store CSI volume with a SecretProviderClass`);
    }
    const containers = containersOf(w);
    if (!containers.length) problems.push(`${id(w)}: no containers`);
    for (const c of containers) {
      const cid = `${id(w)} container ${c.name}`;
      unknownFields(cid, 'Container', c, problems);
      unknownFields(cid, 'SecurityContext', c.securityContext, problems);
      for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        unknownFields(`${cid} ${p}`, 'Probe', c[p], problems);
        for (const n of ['periodSeconds', 'timeoutSeconds', 'failureThreshold', 'initialDelaySeconds'])
          if (c[p]?.[n] !== undefined && !isInt(c[p][n])) problems.push(`${cid}: ${p}.${n} is not an integer`);
      }
      if (!c.name || !DNS1123_LABEL.test(c.name)) problems.push(`${cid}: bad container name`);
      if (typeof c.image !== 'string' || !/^[\w./-]*switchboard(:[\w.-]+|@sha256:[0-9a-f]{64})$/.test(c.image))
        problems.push(`${cid}: image ${c.image} is not the Switchboard image with a tag or digest`);
      else if (/:latest$/.test(c.image)) problems.push(`${cid}: image ${c.image} is not pinned to a version`);
      if (!['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy ?? 'IfNotPresent'))
        problems.push(`${cid}: imagePullPolicy ${c.imagePullPolicy} is not one of Always, IfNotPresent, Never`);
      if (c.command !== undefined) problems.push(`${cid}: overrides the image's entry point (${ctx.scripts.switchboard})`);
      if (!Array.isArray(c.args) || c.args.length !== 1 || !ctx.cliCommands.has(c.args[0]))
        problems.push(`${cid}: args ${JSON.stringify(c.args)} are not a CLI command`);
      const r = c.resources ?? {};
      if (!r.requests?.cpu || !r.requests?.memory) problems.push(`${cid}: no cpu and memory requests`);
      if (!r.limits?.memory) problems.push(`${cid}: no memory limit`);
      const sc = c.securityContext ?? {};
      if (sc.allowPrivilegeEscalation !== false) problems.push(`${cid}: allowPrivilegeEscalation is not false`);
      if (sc.readOnlyRootFilesystem !== true) problems.push(`${cid}: readOnlyRootFilesystem is not true`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${cid}: capabilities do not drop ALL`);
      if ((sc.capabilities?.add ?? []).length) problems.push(`${cid}: adds capabilities`);
      if (sc.privileged) problems.push(`${cid}: privileged`);
      if (sc.runAsNonRoot === false || sc.runAsUser === 0) problems.push(`${cid}: runs as root`);
      const mounts = (c.volumeMounts ?? []) as { name: string; mountPath: string; readOnly?: boolean }[];
      for (const m of mounts) {
        unknownFields(cid, 'VolumeMount', m, problems);
        if (!volumes.has(m.name)) problems.push(`${cid}: mounts ${m.name}, which is not a volume of the pod`);
      }
      const tmp = mounts.find((m) => m.mountPath === '/tmp');
      if (!tmp || !volumes.get(tmp.name)?.emptyDir) problems.push(`${cid}: no emptyDir at /tmp (the root filesystem is read-only)`);
      const envList = (c.env ?? []) as any[];
      const env = new Map<string, any>(envList.map((e) => [e.name, e]));
      if (env.size !== envList.length) problems.push(`${cid}: an environment variable is set twice`);
      for (const e of envList) {
        unknownFields(cid, 'EnvVar', e, problems);
        if (e.value !== undefined && typeof e.value !== 'string')
          problems.push(`${cid}: ${e.name} is a ${typeof e.value}, not a string (the API server refuses it)`);
        if ((e.value === undefined) === (e.valueFrom === undefined)) problems.push(`${cid}: ${e.name} needs exactly one of value and valueFrom`);
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && (!expect.secretNames.has(ref.name) || !ref.key)) problems.push(`${cid}: ${e.name} refers to an unknown Secret ${ref.name}`);
        if (/KEYRING$|TOKEN|PASSWORD|SECRET|DATABASE_URL/.test(e.name) && e.value !== undefined)
          problems.push(`${cid}: ${e.name} has a literal value (a secret in the manifest)`);
      }
      if (env.get('HOST')?.value !== '0.0.0.0') problems.push(`${cid}: HOST is not 0.0.0.0`);
      if (!env.get('DATABASE_URL')?.valueFrom?.secretKeyRef) problems.push(`${cid}: DATABASE_URL does not come from a Secret`);
      for (const p of c.ports ?? []) if (!p.name || !isInt(p.containerPort)) problems.push(`${cid}: a port without name or integer number`);

      // The keys: given to the processes that need them, the way keys.source says; never to migrate.
      const keyEnv = env.get('SWITCHBOARD_KEYRING');
      const keyFile = env.get('SWITCHBOARD_KEYRING_FILE')?.value as string | undefined;
      const keyMount = keyFile ? mounts.find((m) => keyFile.startsWith(`${m.mountPath}/`)) : undefined;
      const keyVolume = keyMount && volumes.get(keyMount.name);
      if (c.args?.[0] === 'migrate') {
        if (keyEnv || keyFile || mounts.some((m) => volumes.get(m.name)?.secret || volumes.get(m.name)?.csi))
          problems.push(`${cid}: the migration is given the keys, which it does not need`);
      } else if (expect.keysSource === 'secretEnv') {
        if (!keyEnv?.valueFrom?.secretKeyRef) problems.push(`${cid}: SWITCHBOARD_KEYRING does not come from a Secret`);
        if (keyFile) problems.push(`${cid}: both SWITCHBOARD_KEYRING and SWITCHBOARD_KEYRING_FILE`);
      } else {
        if (keyEnv) problems.push(`${cid}: SWITCHBOARD_KEYRING set with keys.source=${expect.keysSource}`);
        if (!keyMount || keyMount.readOnly !== true) problems.push(`${cid}: SWITCHBOARD_KEYRING_FILE (${keyFile}) is not on a read-only mount`);
        else if (expect.keysSource === 'secretFile' && !keyVolume?.secret) problems.push(`${cid}: the keyring file is not from a Secret`);
        else if (expect.keysSource === 'csi' && !keyVolume?.csi) problems.push(`${cid}: the keyring file is not from the Secrets Store CSI driver`);
        else if (keyVolume?.secret) {
          const item = (keyVolume.secret.items ?? []).find((i: any) => keyFile === `${keyMount.mountPath}/${i.path}`);
          if (!item) problems.push(`${cid}: the Secret volume has no item at ${keyFile}`);
          const mode = item?.mode ?? keyVolume.secret.defaultMode ?? 0o644;
          if (mode & 0o007) problems.push(`${cid}: the keyring file is readable by every user (mode ${mode.toString(8)})`);
          if ((mode & 0o040) === 0) problems.push(`${cid}: the keyring file (mode ${mode.toString(8)}, owned by root) is not readable by the pod's group`);
          if (spec.securityContext?.fsGroup === undefined) problems.push(`${cid}: no fsGroup: the root-owned keyring file is not the pod's group's`);
        }
      }
    }
  }

  // API: probes on /healthz and /readyz, on a declared port; workers off; the Service finds it.
  for (const d of api) {
    const c = containersOf(d)[0];
    const ports = new Set<string | number>((c.ports ?? []).flatMap((p: any) => [p.name, p.containerPort]));
    const probe = (kind: string, path: string) => {
      const p = c[kind]?.httpGet;
      if (p?.path !== path) problems.push(`${id(d)}: ${kind} is not an HTTP GET of ${path}`);
      else if (!ports.has(p.port)) problems.push(`${id(d)}: ${kind} port ${p.port} is not a container port`);
    };
    probe('startupProbe', '/healthz');
    probe('livenessProbe', '/healthz');
    probe('readinessProbe', '/readyz');
    const env = new Map<string, any>((c.env ?? []).map((e: any) => [e.name, e]));
    if (env.get('SWITCHBOARD_WORKER_MODE')?.value !== 'off') problems.push(`${id(d)}: SWITCHBOARD_WORKER_MODE is not "off" on the API nodes`);
    if (env.get('PORT')?.value !== String(c.ports?.[0]?.containerPort)) problems.push(`${id(d)}: PORT is not the container port`);
  }
  for (const d of workers) {
    const c = containersOf(d)[0];
    const dir = (c.env ?? []).find((e: any) => e.name === 'SWITCHBOARD_AUDIT_CHECKPOINT_DIR')?.value;
    const m = (c.volumeMounts ?? []).find((v: any) => v.mountPath === dir);
    const v = m && (podSpecOf(d).volumes ?? []).find((x: any) => x.name === m.name);
    if (!v?.persistentVolumeClaim) problems.push(`${id(d)}: the audit checkpoints (SWITCHBOARD_AUDIT_CHECKPOINT_DIR) are not on a persistent volume`);
    if (c.ports?.length || c.livenessProbe?.httpGet || c.readinessProbe?.httpGet)
      problems.push(`${id(d)}: a worker serves no HTTP, yet has ports or HTTP probes`);
  }
  for (const p of of('PersistentVolumeClaim')) {
    if (p.metadata.annotations?.['helm.sh/resource-policy'] !== 'keep')
      problems.push(`${id(p)}: deleted with the release (the audit checkpoints would go with it)`);
    if (!p.spec?.resources?.requests?.storage || !(p.spec?.accessModes ?? []).length) problems.push(`${id(p)}: no size or access modes`);
  }

  const podsOf = (sel: Record<string, string> | undefined) => deployments.filter((d) => matches(sel, d.spec?.template?.metadata?.labels));
  for (const s of of('Service')) {
    const targets = podsOf(s.spec?.selector);
    if (targets.length !== 1 || !api.includes(targets[0]))
      problems.push(`${id(s)}: selects ${targets.map(id).join(', ') || 'nothing'}, not the API Deployment alone`);
    for (const p of s.spec?.ports ?? []) {
      if (!isInt(p.port)) problems.push(`${id(s)}: port ${p.port} is not an integer`);
      const ports = new Set<string | number>(
        targets.flatMap((d) => containersOf(d).flatMap((c) => (c.ports ?? []).flatMap((x: any) => [x.name, x.containerPort]))),
      );
      if (!ports.has(p.targetPort)) problems.push(`${id(s)}: targetPort ${p.targetPort} is not a port of the pods it selects`);
    }
  }
  const hpas = of('HorizontalPodAutoscaler');
  for (const p of of('PodDisruptionBudget')) {
    const targets = podsOf(p.spec?.selector?.matchLabels);
    if (targets.length !== 1) problems.push(`${id(p)}: its selector matches ${targets.length} Deployments' pods, not exactly one`);
    if ((p.spec?.minAvailable === undefined) === (p.spec?.maxUnavailable === undefined))
      problems.push(`${id(p)}: give exactly one of minAvailable and maxUnavailable`);
    // The fewest pods there may be: the HPA's floor when one owns the count.
    const hpa = hpas.find((h) => h.spec?.scaleTargetRef?.name === targets[0]?.metadata.name);
    const floor = hpa ? (hpa.spec.minReplicas ?? 1) : (targets[0]?.spec?.replicas ?? 1);
    if (typeof p.spec?.minAvailable === 'number' && p.spec.minAvailable >= floor)
      problems.push(`${id(p)}: minAvailable ${p.spec.minAvailable} with as few as ${floor} replicas blocks every drain`);
  }
  for (const [role, list] of [
    ['API', api],
    ['worker', workers],
  ] as const) {
    if (list.length && !of('PodDisruptionBudget').some((p) => podsOf(p.spec?.selector?.matchLabels).includes(list[0])))
      problems.push(`no PodDisruptionBudget for the ${role} Deployment`);
  }
  for (const h of hpas) {
    const ref = h.spec?.scaleTargetRef ?? {};
    const target = deployments.find((d) => d.metadata.name === ref.name);
    if (ref.kind !== 'Deployment' || ref.apiVersion !== 'apps/v1' || !target)
      problems.push(`${id(h)}: scaleTargetRef ${ref.apiVersion}/${ref.kind}/${ref.name} is not a Deployment defined here`);
    if (target?.spec?.replicas !== undefined) problems.push(`${id(h)}: ${id(target)} also sets replicas (every upgrade would reset the autoscaler's count)`);
    const min = h.spec?.minReplicas ?? 1;
    if (!(isInt(h.spec?.maxReplicas) && isInt(min) && min >= 1 && min <= h.spec.maxReplicas))
      problems.push(`${id(h)}: replicas bounds ${min}..${h.spec?.maxReplicas} are not valid`);
    for (const m of h.spec?.metrics ?? []) {
      const res = m.resource?.name;
      if (m.type === 'Resource' && target && containersOf(target).some((c) => !c.resources?.requests?.[res]))
        problems.push(`${id(h)}: scales on ${res} but ${id(target)} requests no ${res}`);
      if (m.type === 'Resource' && !isInt(m.resource?.target?.averageUtilization)) problems.push(`${id(h)}: averageUtilization is not an integer`);
    }
  }
  return problems;
}
