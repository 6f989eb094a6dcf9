{{/* Named templates shared by the manifests. Only the subset of Helm's templating that the
     tests' renderer implements is used (test/deploy/helm-template.ts, docs/decisions.md). */}}

{{/* Every object's name prefix: the release name, cut so that "-worker" and "-migrate" still fit 63 characters. */}}
{{- define "switchboard.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 48 | trimSuffix "-" -}}
{{- end -}}

{{- define "switchboard.selectorLabels" -}}
app.kubernetes.io/name: switchboard
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "switchboard.labels" -}}
{{ include "switchboard.selectorLabels" . }}
app.kubernetes.io/part-of: switchboard
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "switchboard.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ default .Chart.AppVersion .Values.image.tag }}
{{- end -}}
{{- end -}}

{{/* Where a keyring file is mounted (secretFile and csi). */}}
{{- define "switchboard.keyringDir" -}}
/run/secrets/switchboard
{{- end -}}

{{/* The environment every Switchboard container gets. Secrets only by reference. */}}
{{- define "switchboard.env" -}}
- name: HOST
  value: "0.0.0.0"
- name: PORT
  value: "3000"
- name: SWITCHBOARD_DATA_DIR
  value: /var/lib/switchboard
- name: SWITCHBOARD_PUBLIC_URL
  value: {{ required "publicUrl is required: the address clients use (the admin-consent redirect URI and the SCIM URLs are built from it)" .Values.publicUrl | quote }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.urlKey }}
{{- if .Values.bootstrapToken.existingSecret }}
- name: SWITCHBOARD_BOOTSTRAP_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ .Values.bootstrapToken.existingSecret }}
      key: {{ .Values.bootstrapToken.key }}
{{- end }}
{{- range $name, $value := .Values.env }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* The keys, for the processes that encrypt or decrypt (serve, worker; not migrate). */}}
{{- define "switchboard.keysEnv" -}}
{{- if eq .Values.keys.source "secretEnv" }}
- name: SWITCHBOARD_KEYRING
  valueFrom:
    secretKeyRef:
      name: {{ .Values.keys.secret.name }}
      key: {{ .Values.keys.secret.key }}
{{- else if eq .Values.keys.source "secretFile" }}
- name: SWITCHBOARD_KEYRING_FILE
  value: {{ include "switchboard.keyringDir" . }}/keyring.json
{{- else if eq .Values.keys.source "csi" }}
- name: SWITCHBOARD_KEYRING_FILE
  value: {{ include "switchboard.keyringDir" . }}/{{ .Values.keys.csi.fileName }}
{{- else }}
{{- fail (printf "keys.source must be secretEnv, secretFile or csi, not %q" .Values.keys.source) }}
{{- end }}
{{- end -}}

{{/* Volumes every Switchboard pod has: a writable /tmp (the root filesystem is read-only). On
     a PostgreSQL server nothing is written to the data directory; the workers' audit
     checkpoints have a volume of their own. */}}
{{- define "switchboard.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end -}}

{{/* The keyring, when it is a file (secretFile, csi). */}}
{{- define "switchboard.keysVolume" -}}
{{- if eq .Values.keys.source "secretFile" }}
- name: keyring
  secret:
    secretName: {{ .Values.keys.secret.name }}
    # Owned by root, group fsGroup (10001), read-only for it: 0440.
    defaultMode: 0440
    items:
      - key: {{ .Values.keys.secret.key }}
        path: keyring.json
{{- else if eq .Values.keys.source "csi" }}
- name: keyring
  csi:
    driver: secrets-store.csi.k8s.io
    readOnly: true
    volumeAttributes:
      secretProviderClass: {{ required "keys.csi.secretProviderClass is required with keys.source=csi" .Values.keys.csi.secretProviderClass }}
{{- end }}
{{- end -}}

{{- define "switchboard.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}

{{- define "switchboard.keysMount" -}}
{{- if ne .Values.keys.source "secretEnv" }}
- name: keyring
  mountPath: {{ include "switchboard.keyringDir" . }}
  readOnly: true
{{- end }}
{{- end -}}

{{/* The pod-level settings every workload shares. */}}
{{- define "switchboard.podCommon" -}}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- if .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml .Values.imagePullSecrets | nindent 2 }}
{{- end }}
{{- if .Values.nodeSelector }}
nodeSelector:
  {{- toYaml .Values.nodeSelector | nindent 2 }}
{{- end }}
{{- if .Values.tolerations }}
tolerations:
  {{- toYaml .Values.tolerations | nindent 2 }}
{{- end }}
{{- end -}}
