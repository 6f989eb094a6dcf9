// A renderer for the part of Helm's templating (Go text/template + a few Sprig/Helm functions)
// that deploy/helm/switchboard uses, so the tests can render the chart where no `helm` binary
// exists (docs/decisions.md, "The Helm chart is rendered by the tests"). It follows Go's rules
// where the chart relies on them — `{{-`/`-}}` trimming, truthiness, map ranges in key order,
// `and`/`or` returning an operand, missing values printing as nothing, Go's float formatting —
// and it REFUSES everything else (an unknown function, `with`, `template`, `tpl`, `lookup`,
// printing a map): a chart that starts using more fails here until this file learns it, instead
// of rendering differently from Helm without anyone noticing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';

// ---------------------------------------------------------------- lexing

type Tok =
  | { t: 'field'; path: string[] } // .A.B (path [] is the dot itself)
  | { t: 'var'; name: string; path: string[] } // $x.A ($ alone: name '')
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'ident'; v: string } // a function, or true/false/nil, or a keyword
  | { t: '(' | ')' | '|' | ':=' | ',' };

function lexAction(src: string, where: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const fieldPath = (): string[] => {
    const path: string[] = [];
    while (src[i] === '.' && /[A-Za-z_]/.test(src[i + 1] ?? '')) {
      i++;
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      path.push(m[0]);
      i += m[0].length;
    }
    return path;
  };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === '|' || c === ',') {
      out.push({ t: c });
      i++;
    } else if (src.startsWith(':=', i)) {
      out.push({ t: ':=' });
      i += 2;
    } else if (c === '"') {
      let j = i + 1;
      let v = '';
      for (; j < src.length && src[j] !== '"'; j++) {
        if (src[j] === '\\') {
          const e = src[++j];
          const map: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', r: '\r' };
          if (!(e in map)) throw new Error(`${where}: string escape \\${e} is not implemented`);
          v += map[e];
        } else v += src[j];
      }
      if (src[j] !== '"') throw new Error(`${where}: unterminated string`);
      out.push({ t: 'str', v });
      i = j + 1;
    } else if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) throw new Error(`${where}: unterminated raw string`);
      out.push({ t: 'str', v: src.slice(i + 1, j) });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (c === '.') {
      const path = fieldPath();
      if (!path.length) i++; // the dot itself
      out.push({ t: 'field', path });
    } else if (c === '$') {
      const m = /^\$[A-Za-z0-9_]*/.exec(src.slice(i))!;
      i += m[0].length;
      out.push({ t: 'var', name: m[0].slice(1), path: fieldPath() });
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ t: 'ident', v: m[0] });
      i += m[0].length;
    } else {
      throw new Error(`${where}: unexpected "${c}" in {{${src}}}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------- parsing

type Operand =
  | { k: 'field'; path: string[] }
  | { k: 'var'; name: string; path: string[] }
  | { k: 'lit'; v: unknown }
  | { k: 'fn'; name: string }
  | { k: 'sub'; p: Pipeline };
type Command = Operand[];
interface Pipeline {
  decl: string[]; // variables declared by `$x :=` / `$k, $v :=`
  cmds: Command[];
}
type Node =
  | { n: 'text'; v: string }
  | { n: 'out'; p: Pipeline; where: string }
  | { n: 'if'; branches: { cond: Pipeline; body: Node[] }[]; otherwise: Node[]; where: string }
  | { n: 'range'; p: Pipeline; body: Node[]; otherwise: Node[]; where: string };

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'define', 'with', 'template', 'block', 'break', 'continue']);

function parsePipeline(toks: Tok[], where: string): Pipeline {
  let pos = 0;
  const decl: string[] = [];
  // `$x :=` or `$k, $v :=` at the start.
  const declEnd = toks.findIndex((t) => t.t === ':=');
  if (declEnd > 0) {
    for (const t of toks.slice(0, declEnd)) {
      if (t.t === 'var' && !t.path.length) decl.push(t.name);
      else if (t.t !== ',') throw new Error(`${where}: bad variable declaration`);
    }
    pos = declEnd + 1;
  }
  const parseCmds = (stop: (t: Tok) => boolean): Command[] => {
    const cmds: Command[] = [[]];
    while (pos < toks.length && !stop(toks[pos])) {
      const t = toks[pos++];
      const cmd = cmds.at(-1)!;
      if (t.t === '|') {
        if (!cmd.length) throw new Error(`${where}: empty command in pipeline`);
        cmds.push([]);
      } else if (t.t === '(') {
        const inner = parseCmds((x) => x.t === ')');
        if (toks[pos++]?.t !== ')') throw new Error(`${where}: unclosed (`);
        cmd.push({ k: 'sub', p: { decl: [], cmds: inner } });
      } else if (t.t === 'field') cmd.push({ k: 'field', path: t.path });
      else if (t.t === 'var') cmd.push({ k: 'var', name: t.name, path: t.path });
      else if (t.t === 'str' || t.t === 'num') cmd.push({ k: 'lit', v: t.v });
      else if (t.t === 'ident') {
        if (t.v === 'true' || t.v === 'false') cmd.push({ k: 'lit', v: t.v === 'true' });
        else if (t.v === 'nil') cmd.push({ k: 'lit', v: null });
        else if (KEYWORDS.has(t.v)) throw new Error(`${where}: "${t.v}" is not implemented here`);
        else if (!(t.v in FUNCTIONS)) throw new Error(`${where}: function "${t.v}" is not implemented by this renderer`);
        else cmd.push({ k: 'fn', name: t.v });
      } else throw new Error(`${where}: unexpected ${t.t}`);
    }
    if (!cmds.at(-1)!.length) throw new Error(`${where}: empty pipeline`);
    return cmds;
  };
  const cmds = parseCmds(() => false);
  for (const c of cmds) if (c.slice(1).some((o) => o.k === 'fn')) throw new Error(`${where}: a function used as an argument needs parentheses`);
  return { decl, cmds };
}

interface Template {
  defines: Map<string, Node[]>;
  body: Node[];
}

/** Splits a template into text and actions (with Go's trim markers) and builds the tree. */
function parseTemplate(text: string, file: string, defines = new Map<string, Node[]>()): Template {
  type Raw = { kind: 'text'; v: string } | { kind: 'action'; v: string; line: number; trimRight: boolean };
  const raw: Raw[] = [];
  const re = /\{\{(- )?([\s\S]*?)( -)?\}\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let before = text.slice(last, m.index);
    if (m[1]) before = before.replace(/\s+$/, '');
    const prev = raw.at(-1);
    if (prev?.kind === 'action' && prev.trimRight) before = before.replace(/^\s+/, '');
    raw.push({ kind: 'text', v: before });
    const line = text.slice(0, m.index).split('\n').length;
    const body = m[2].trim();
    const action = { kind: 'action' as const, v: body, line, trimRight: !!m[3] };
    raw.push(action);
    last = re.lastIndex;
  }
  let tail = text.slice(last);
  const end = raw.at(-1);
  if (end?.kind === 'action' && end.trimRight) tail = tail.replace(/^\s+/, '');
  raw.push({ kind: 'text', v: tail });

  let pos = 0;
  // Parses until one of `stops` (an action whose first word is in it) and returns it.
  const parseList = (stops: string[]): { nodes: Node[]; stop?: string; rest?: string; where: string } => {
    const nodes: Node[] = [];
    while (pos < raw.length) {
      const r = raw[pos++];
      if (r.kind === 'text') {
        if (r.v) nodes.push({ n: 'text', v: r.v });
        continue;
      }
      const where = `${file}:${r.line}`;
      if (r.v.startsWith('/*')) {
        if (!r.v.endsWith('*/')) throw new Error(`${where}: unterminated comment`);
        continue;
      }
      const word = /^[a-z]+/.exec(r.v)?.[0] ?? '';
      const rest = r.v.slice(word.length).trim();
      if (stops.includes(word)) return { nodes, stop: word, rest, where };
      if (word === 'if') {
        const branches: { cond: Pipeline; body: Node[] }[] = [];
        let otherwise: Node[] = [];
        let cond = parsePipeline(lexAction(rest, where), where);
        for (;;) {
          const part = parseList(['else', 'end']);
          if (!part.stop) throw new Error(`${where}: if without end`);
          branches.push({ cond, body: part.nodes });
          if (part.stop === 'end') break;
          if (part.rest!.startsWith('if ')) {
            cond = parsePipeline(lexAction(part.rest!.slice(3), part.where), part.where);
            continue;
          }
          if (part.rest) throw new Error(`${part.where}: "else ${part.rest}" is not implemented`);
          const fin = parseList(['end']);
          if (fin.stop !== 'end') throw new Error(`${where}: if/else without end`);
          otherwise = fin.nodes;
          break;
        }
        nodes.push({ n: 'if', branches, otherwise, where });
      } else if (word === 'range') {
        const p = parsePipeline(lexAction(rest, where), where);
        const part = parseList(['else', 'end']);
        let otherwise: Node[] = [];
        if (part.stop === 'else') {
          const fin = parseList(['end']);
          if (fin.stop !== 'end') throw new Error(`${where}: range without end`);
          otherwise = fin.nodes;
        } else if (part.stop !== 'end') throw new Error(`${where}: range without end`);
        nodes.push({ n: 'range', p, body: part.nodes, otherwise, where });
      } else if (word === 'define') {
        const name = /^"([^"]+)"$/.exec(rest)?.[1];
        if (!name) throw new Error(`${where}: define needs a quoted name`);
        const part = parseList(['end']);
        if (part.stop !== 'end') throw new Error(`${where}: define without end`);
        defines.set(name, part.nodes);
      } else if (KEYWORDS.has(word)) {
        throw new Error(`${where}: "${word}" ${stops.length ? 'here' : 'outside a block'} is not implemented by this renderer`);
      } else {
        nodes.push({ n: 'out', p: parsePipeline(lexAction(r.v, where), where), where });
      }
    }
    return { nodes, where: file };
  };
  const top = parseList([]);
  return { defines, body: top.nodes };
}

// ---------------------------------------------------------------- evaluation

interface Scope {
  dot: unknown;
  vars: Map<string, unknown>[];
  defines: Map<string, Node[]>;
}

/** Go's truthiness: false, 0, nil, and empty strings, lists and maps are false. */
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(v: unknown, path: string[], where: string, start: string): unknown {
  let cur = v;
  let seen = start;
  for (const p of path) {
    if (cur === null || cur === undefined) throw new Error(`${where}: nil pointer evaluating ${seen}.${p}`);
    if (!isMap(cur)) throw new Error(`${where}: can't evaluate field ${p} in ${seen} (not a map)`);
    cur = Object.hasOwn(cur, p) ? cur[p] : undefined;
    seen += `.${p}`;
  }
  return cur;
}

/** Go's %v of a float64 (Helm's values are JSON numbers): 1e+06 from a million on, like Helm prints it. */
export function goNumber(x: number): string {
  if (x === 0) return '0';
  const [mant, e] = x.toExponential().split('e');
  const exp = Number(e);
  // strconv's %g with the shortest precision switches to an exponent below 1e-4 and from 1e6 on.
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(x);
}

function print(v: unknown, where: string): string {
  if (v === null || v === undefined) return ''; // Helm replaces "<no value>" with nothing
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  throw new Error(`${where}: printing a ${Array.isArray(v) ? 'list' : 'map'} is not implemented (Go would print map[...]; use toYaml)`);
}

const strval = print;

class TemplateFail extends Error {}

type Fn = (s: Scope, where: string, ...args: unknown[]) => unknown;
const FUNCTIONS: Record<string, Fn> = {
  include: (s, where, name, ctx) => {
    const body = s.defines.get(String(name));
    if (!body) throw new Error(`${where}: no template "${name}"`);
    // As in Go's {{template}}: inside, both . and $ are the data passed.
    return render(body, { ...s, dot: ctx, vars: [new Map([['', ctx]])] });
  },
  quote: (_s, where, ...args) =>
    args
      .filter((a) => a !== null && a !== undefined)
      .map((a) => JSON.stringify(strval(a, where)))
      .join(' '),
  // YAML 1.1, as Helm's Go YAML writes and Kubernetes reads it (so "off" or "yes" come out quoted).
  toYaml: (_s, _w, v) => (v === undefined || v === null ? 'null' : stringify(v, { version: '1.1', lineWidth: 0 }).replace(/\n$/, '')),
  nindent: (_s, _w, n, str) => `\n${indent(Number(n), String(str))}`,
  indent: (_s, _w, n, str) => indent(Number(n), String(str)),
  default: (_s, _w, def, ...given) => (given.length && truthy(given[0]) ? given[0] : def),
  required: (_s, where, msg, v) => {
    if (v === null || v === undefined || v === '') throw new TemplateFail(`${where}: ${msg}`);
    return v;
  },
  fail: (_s, where, msg) => {
    throw new TemplateFail(`${where}: ${msg}`);
  },
  not: (_s, _w, v) => !truthy(v),
  eq: (_s, where, a, ...rest) => rest.some((b) => comparable(a, b, where) && a === b),
  ne: (_s, where, a, b) => comparable(a, b, where) && a !== b,
  and: (_s, _w, ...args) => args.find((a) => !truthy(a)) ?? args.at(-1),
  or: (_s, _w, ...args) => args.find((a) => truthy(a)) ?? args.at(-1),
  trunc: (_s, _w, n, str) => String(str).slice(0, Number(n)),
  trimSuffix: (_s, _w, suffix, str) => (String(str).endsWith(String(suffix)) ? String(str).slice(0, -String(suffix).length) : String(str)),
  printf: (_s, where, format, ...args) => {
    let i = 0;
    return String(format).replace(/%([sqdv%])/g, (_m, verb: string) => {
      if (verb === '%') return '%';
      if (i >= args.length) throw new Error(`${where}: printf: missing argument for %${verb}`);
      const a = args[i++];
      return verb === 'q' ? JSON.stringify(strval(a, where)) : strval(a, where);
    });
  },
};

/** Go refuses to compare a string with a number (and the like): so does this. */
function comparable(a: unknown, b: unknown, where: string): true {
  const kind = (v: unknown) => (v === null || v === undefined ? 'nil' : typeof v);
  if (kind(a) !== 'nil' && kind(b) !== 'nil' && kind(a) !== kind(b)) throw new Error(`${where}: incompatible types for comparison (${kind(a)} and ${kind(b)})`);
  if (typeof a === 'object' && a !== null) throw new Error(`${where}: comparing a list or map is not implemented`);
  return true;
}

const indent = (n: number, s: string) =>
  s
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');

function lookupVar(s: Scope, name: string, where: string): unknown {
  for (let i = s.vars.length - 1; i >= 0; i--) if (s.vars[i].has(name)) return s.vars[i].get(name);
  throw new Error(`${where}: undefined variable $${name}`);
}

function evalOperand(o: Operand, s: Scope, where: string): unknown {
  switch (o.k) {
    case 'field':
      return walk(s.dot, o.path, where, '');
    case 'var':
      return walk(lookupVar(s, o.name, where), o.path, where, `$${o.name}`);
    case 'lit':
      return o.v;
    case 'sub':
      return evalPipeline(o.p, s, where);
    case 'fn':
      return FUNCTIONS[o.name](s, where);
  }
}

function evalPipeline(p: Pipeline, s: Scope, where: string): unknown {
  let value: unknown;
  let first = true;
  for (const cmd of p.cmds) {
    const [head, ...rest] = cmd;
    if (head.k === 'fn') {
      const args = rest.map((o) => evalOperand(o, s, where));
      if (!first) args.push(value);
      value = FUNCTIONS[head.name](s, where, ...args);
    } else {
      if (rest.length || !first) throw new Error(`${where}: only a function can take arguments or a piped value`);
      value = evalOperand(head, s, where);
    }
    first = false;
  }
  if (p.decl.length === 1) s.vars.at(-1)!.set(p.decl[0], value);
  return value;
}

function render(nodes: Node[], s: Scope): string {
  let out = '';
  for (const node of nodes) {
    switch (node.n) {
      case 'text':
        out += node.v;
        break;
      case 'out': {
        const v = evalPipeline(node.p, s, node.where);
        out += node.p.decl.length ? '' : print(v, node.where);
        break;
      }
      case 'if': {
        const branch = node.branches.find((b) => truthy(evalPipeline(b.cond, s, node.where)));
        s.vars.push(new Map());
        out += render(branch ? branch.body : node.otherwise, s);
        s.vars.pop();
        break;
      }
      case 'range': {
        if (node.p.decl.length > 2) throw new Error(`${node.where}: range declares at most two variables`);
        const over = evalPipeline({ decl: [], cmds: node.p.cmds }, s, node.where);
        const entries: [unknown, unknown][] = Array.isArray(over)
          ? over.map((v, i) => [i, v])
          : isMap(over)
            ? Object.keys(over)
                .sort()
                .map((k) => [k, over[k]]) // Go ranges over a map in key order
            : over === null || over === undefined
              ? []
              : (() => {
                  throw new Error(`${node.where}: range over a ${typeof over} is not implemented`);
                })();
        if (!entries.length) out += render(node.otherwise, s);
        for (const [k, v] of entries) {
          const vars = new Map<string, unknown>();
          if (node.p.decl.length === 1) vars.set(node.p.decl[0], v);
          if (node.p.decl.length === 2) {
            vars.set(node.p.decl[0], k);
            vars.set(node.p.decl[1], v);
          }
          out += render(node.body, { ...s, dot: v, vars: [...s.vars, vars] });
        }
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- charts

export type Values = Record<string, unknown>;
export const YAML11 = { version: '1.1' } as const;

/** Helm's coalescing of user values over the chart's: maps merge, anything else replaces, null deletes. */
export function mergeValues(base: Values, over: Values): Values {
  const out: Values = structuredClone(base);
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = mergeValues(out[k] as Values, v);
    else out[k] = structuredClone(v);
  }
  return out;
}

export interface RenderedChart {
  /** Each template's output, by file name (as `helm template` prints them under "# Source:"). */
  files: Map<string, string>;
  /** Every object of every manifest, in file order. */
  objects: Record<string, any>[];
  /** templates/NOTES.txt, rendered (what `helm install` prints). */
  notes: string;
  values: Values;
}

export interface ReleaseOptions {
  name?: string;
  namespace?: string;
  values?: Values;
}

/** Renders every templates/*.yaml of a chart (files starting with _ only define) and reads the objects. */
export function renderChart(chartDir: string, opts: ReleaseOptions = {}): RenderedChart {
  const r = renderChartText(chartDir, opts);
  const objects: Record<string, any>[] = [];
  for (const [n, text] of r.files) {
    for (const d of parseAllDocuments(text, YAML11)) {
      if (d.errors.length) throw new Error(`templates/${n} renders to invalid YAML: ${d.errors[0].message}\n${text}`);
      const o = d.toJS();
      if (o !== null && o !== undefined) objects.push(o);
    }
  }
  return { ...r, objects };
}

/** The templates' output as text, by file name (as `helm template` prints them under "# Source:"). */
export function renderChartText(chartDir: string, opts: ReleaseOptions = {}): Omit<RenderedChart, 'objects'> {
  // Helm reads Chart.yaml, values.yaml and the rendered manifests as YAML 1.1 (Go's yaml.v2):
  // `0440` is octal, `off` is false — read here the same way.
  const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8'), YAML11) as Record<string, unknown>;
  const values = mergeValues((parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8'), YAML11) ?? {}) as Values, opts.values ?? {});
  const tdir = join(chartDir, 'templates');
  const names = readdirSync(tdir).sort();
  for (const n of names) if (!/\.(ya?ml|tpl|txt)$/.test(n)) throw new Error(`${tdir}/${n}: a template kind this renderer does not know`);
  const defines = new Map<string, Node[]>();
  const parsed = names.map((n) => [n, parseTemplate(readFileSync(join(tdir, n), 'utf8'), `templates/${n}`, defines)] as const);
  const root = {
    Values: values,
    Release: { Name: opts.name ?? 'switchboard', Namespace: opts.namespace ?? 'default', Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
    // Helm capitalizes Chart.yaml's fields.
    Chart: Object.fromEntries(Object.entries(chart).map(([k, v]) => [k === 'apiVersion' ? 'APIVersion' : k[0].toUpperCase() + k.slice(1), v])),
  };
  const files = new Map<string, string>();
  let notes = '';
  for (const [n, t] of parsed) {
    if (n.startsWith('_')) continue;
    const text = render(t.body, { dot: root, vars: [new Map([['', root]])], defines });
    if (n === 'NOTES.txt') {
      notes = text;
      continue;
    }
    if (n.endsWith('.txt')) throw new Error(`templates/${n}: only NOTES.txt may be text`);
    files.set(n, text);
  }
  return { files, notes, values };
}

/** Every `.Values.a.b` path the templates read (to check each exists in values.yaml). */
export function valuesPathsUsed(chartDir: string): string[] {
  const used = new Set<string>();
  for (const n of readdirSync(join(chartDir, 'templates'))) {
    for (const m of readFileSync(join(chartDir, 'templates', n), 'utf8').matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) used.add(m[1].slice(1));
  }
  return [...used].sort();
}

export { TemplateFail };
