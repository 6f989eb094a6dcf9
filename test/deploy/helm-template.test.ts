// The chart renderer follows Go text/template and Helm where the chart relies on them, and
// refuses what it does not implement. Each expectation here is what `helm template` gives for
// the same input (Go's documented semantics), so a renderer drifting from Helm fails here.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { goNumber, mergeValues, renderChart, renderChartText, TemplateFail } from './helm-template.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A one-template chart; returns the rendered text of templates/t.yaml. */
function render(template: string, values: Record<string, unknown> = {}, helpers = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-chart-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 1.2.3\nappVersion: "4.5"\n');
  writeFileSync(join(dir, 'values.yaml'), 'a: 1\n');
  writeFileSync(join(dir, 'templates', 't.yaml'), template);
  if (helpers) writeFileSync(join(dir, 'templates', '_h.tpl'), helpers);
  return renderChartText(dir, { name: 'rel', namespace: 'ns', values }).files.get('t.yaml')!;
}

describe('Go template semantics', () => {
  test('trim markers eat all whitespace, newlines included, on their side only', () => {
    assert.equal(render('a  \n  {{- "b" }}  \n  c'), 'ab  \n  c');
    assert.equal(render('a  {{ "b" -}}  \n  c'), 'a  bc');
    assert.equal(render('x:\n  {{- if true }}\n  y: 1\n  {{- end }}\n'), 'x:\n  y: 1\n');
  });

  test('comments render nothing', () => {
    assert.equal(render('a{{/* note */}}b {{- /* trimmed */ -}} c'), 'abc');
  });

  test('built-in objects: Release, Chart (capitalized fields), Values merged over values.yaml', () => {
    assert.equal(
      render(
        '{{ .Release.Name }}/{{ .Release.Namespace }}/{{ .Release.Service }} {{ .Chart.Name }}-{{ .Chart.Version }}@{{ .Chart.AppVersion }} {{ .Values.a }}{{ .Values.b }}',
        { b: 2 },
      ),
      'rel/ns/Helm demo-1.2.3@4.5 12',
    );
  });

  test('a missing value prints nothing; a field of a missing map is an error', () => {
    assert.equal(render('[{{ .Values.nope }}]'), '[]');
    assert.throws(() => render('{{ .Values.nope.deeper }}'), /nil pointer evaluating \.Values\.nope\.deeper/);
  });

  test('truthiness: false, 0, "", nil and empty collections are false', () => {
    const t = '{{ if .Values.v }}T{{ else }}F{{ end }}';
    for (const v of [false, 0, '', [], {}]) assert.equal(render(t, { v }), 'F', JSON.stringify(v));
    for (const v of [true, 1, 'x', [0], { k: 0 }]) assert.equal(render(t, { v }), 'T', JSON.stringify(v));
    assert.equal(render(t), 'F', 'missing');
  });

  test('if / else if / else', () => {
    const t = '{{ if eq .Values.k "a" }}A{{ else if eq .Values.k "b" }}B{{ else }}C{{ end }}';
    assert.deepEqual(
      ['a', 'b', 'z'].map((k) => render(t, { k })),
      ['A', 'B', 'C'],
    );
  });

  test('range over a map goes in key order and binds $key, $value; $ stays the root', () => {
    assert.equal(
      render('{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }}@{{ $.Release.Name }};{{ end }}', { m: { b: 2, a: 1, c: 3 } }),
      'a=1@rel;b=2@rel;c=3@rel;',
    );
    assert.equal(render('{{ range .Values.l }}<{{ . }}>{{ else }}none{{ end }}', { l: ['x', 'y'] }), '<x><y>');
    assert.equal(render('{{ range .Values.l }}<{{ . }}>{{ else }}none{{ end }}', { l: [] }), 'none');
  });

  test('and / or return an operand, not a boolean', () => {
    assert.equal(render('{{ or .Values.x "fallback" }}|{{ and "a" "b" }}|{{ and "" "b" }}'), 'fallback|b|');
  });

  test('eq refuses to compare a string with a number, as Go does', () => {
    assert.throws(() => render('{{ if eq .Values.a "1" }}{{ end }}'), /incompatible types for comparison/);
  });

  test('numbers print as Go prints a float64: 1e+06 from a million on', () => {
    assert.equal(render('{{ .Values.n }}', { n: 1000000 }), '1e+06');
    assert.equal(render('{{ .Values.n }}', { n: 123456 }), '123456');
    assert.deepEqual([0, 3000, 0.5, 1234567, 0.00001, -2000000].map(goNumber), ['0', '3000', '0.5', '1.234567e+06', '1e-05', '-2e+06']);
  });
});

describe('Helm and Sprig functions', () => {
  test('include renders a define with the data given as both . and $', () => {
    const helpers = '{{- define "x" -}}{{ .n }}/{{ $.n }}{{- end -}}';
    assert.equal(render('{{ include "x" .Values }}', { n: 7 }, helpers), '7/7');
  });

  test('toYaml | nindent places a block under a key; toYaml quotes YAML 1.1 booleans such as "off"', () => {
    assert.equal(
      render('r:\n  {{- toYaml .Values.r | nindent 2 }}\n', { r: { limits: { cpu: '1' }, mode: 'off' } }),
      'r:\n  limits:\n    cpu: "1"\n  mode: "off"\n',
    );
    assert.equal(render('{{ toYaml .Values.l }}', { l: ['a', 'b'] }), '- a\n- b');
  });

  test('quote, default, trunc, trimSuffix, printf', () => {
    assert.equal(render('{{ .Values.s | quote }} [{{ .Values.none | quote }}] {{ 3 | quote }}', { s: 'a"b' }), '"a\\"b" [] "3"');
    assert.equal(render('{{ default "d" .Values.e }} {{ default "d" .Values.s }} {{ .Values.z | default 5 }}', { e: '', s: 'set', z: 0 }), 'd set 5');
    assert.equal(render('{{ "abcdef-" | trunc 7 | trimSuffix "-" }}|{{ printf "%s-%q" "a" "b" }}'), 'abcdef|a-"b"');
  });

  test('required and fail stop the render with their message', () => {
    assert.throws(
      () => render('{{ required "x is needed" .Values.x }}'),
      (e) => e instanceof TemplateFail && /x is needed/.test(e.message),
    );
    assert.throws(() => render('{{ fail "no" }}'), /no/);
    assert.equal(render('{{ required "x" .Values.a }}'), '1');
  });

  test('values: maps merge, other values replace, null deletes (Helm coalescing)', () => {
    assert.deepEqual(mergeValues({ a: { b: 1, c: 2 }, l: [1, 2], d: 1 }, { a: { c: 3 }, l: [9], d: null }), { a: { b: 1, c: 3 }, l: [9] });
  });

  test('values.yaml is read as YAML 1.1, like Helm: 0440 is octal, off is false', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-chart-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 1.0.0\n');
    writeFileSync(join(dir, 'values.yaml'), 'mode: 0440\nflag: off\n');
    writeFileSync(join(dir, 'templates', 't.yaml'), 'm: {{ .Values.mode }}\nf: {{ .Values.flag }}\n');
    const r = renderChart(dir);
    assert.deepEqual(r.objects[0], { m: 288, f: false });
  });
});

describe('what is not implemented is refused, never rendered differently', () => {
  for (const [what, t, why] of [
    ['an unknown function', '{{ lookup "v1" "Secret" "ns" "x" }}', /function "lookup" is not implemented/],
    ['with', '{{ with .Values.a }}{{ . }}{{ end }}', /"with" .*is not implemented/],
    ['template', '{{ template "x" . }}', /"template" .*is not implemented/],
    ['tpl', '{{ tpl "x" . }}', /function "tpl" is not implemented/],
    ['printing a map', '{{ .Values }}', /printing a map is not implemented/],
    ['an if without end', '{{ if true }}x', /if without end/],
    ['a function as a bare argument', '{{ quote default "a" }}', /needs parentheses/],
  ] as const) {
    test(what, () => assert.throws(() => render(t), why));
  }
});
