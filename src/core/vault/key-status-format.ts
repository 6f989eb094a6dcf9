// `switchboard keys status` as text: one line per version, then where the data keys stand.
import type { KeyStatus } from './key-lifecycle.ts';

export function formatKeyStatus(s: KeyStatus): string {
  const rows = s.versions.map((v) => [
    `v${v.version}`,
    v.source,
    v.state,
    String(v.dataKeys),
    v.auditKeys ? String(v.auditKeys) : '-',
    v.createdAt.toISOString().slice(0, 19).replace('T', ' '),
    v.retiredAt ? `retired ${v.retiredAt.toISOString().slice(0, 19).replace('T', ' ')}` : (v.keyRef ?? ''),
    v.reason ?? '',
  ]);
  const head = ['version', 'source', 'state', 'data keys', 'audit keys', 'created', 'key / retired', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const onActive = s.versions.find((v) => v.version === s.activeVersion)?.dataKeys ?? 0;
  const summary =
    s.percentOnActive === 100
      ? `100% on v${s.activeVersion} (${s.totalDataKeys} data keys)`
      : `${s.percentOnActive}% on v${s.activeVersion} (${onActive} of ${s.totalDataKeys} data keys): run keys rotate to re-wrap the rest`;
  return [`new versions are created in: ${s.defaultSource}`, line(head), ...rows.map(line), summary].join('\n');
}
