// SCIM filter parser (RFC 7644 §3.4.2.2) with the leniency identity providers need:
// unquoted values (`userName eq john@x.com`), operators and keywords in any case, bare
// True/False. See docs/decisions-scim.md for why this is not scim2-parse-filter.

import { ScimError, invalidFilter, invalidPath } from './errors.ts';
import { parseAttrPath, type AttrPathRef } from './paths.ts';

type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterValue = string | number | boolean | null;

export interface CompareNode {
  op: CompareOp;
  path: AttrPathRef;
  value: FilterValue;
  /** Source text of an unquoted value, so `externalId eq 00123` keeps its leading zeros. */
  raw?: string;
}
interface PresentNode {
  op: 'pr';
  path: AttrPathRef;
}
interface LogicalNode {
  op: 'and' | 'or';
  filters: FilterNode[];
}
interface NotNode {
  op: 'not';
  filter: FilterNode;
}
/** `emails[type eq "work"]`; `emails[f].value op v` is folded into `emails[f and value op v]`. */
export interface ValuePathNode {
  op: '[]';
  path: AttrPathRef;
  filter: FilterNode;
}
export type FilterNode = CompareNode | PresentNode | LogicalNode | NotNode | ValuePathNode;

export interface FilterLimits {
  /** Longest accepted filter text, in characters. */
  maxLength?: number;
  /** Deepest accepted nesting of parentheses, `not` and value paths. */
  maxDepth?: number;
}

const DEFAULT_FILTER_LIMITS = { maxLength: 4096, maxDepth: 32 } as const;

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);

type Token =
  | { kind: '(' | ')' | '['; pos: number }
  | { kind: ']'; pos: number; sub?: string }
  | { kind: 'string'; pos: number; value: string }
  | { kind: 'word'; pos: number; text: string }
  | { kind: 'end'; pos: number };

const SUB_AFTER_BRACKET = /^\.((?:\$ref|[A-Za-z][A-Za-z0-9_-]*))/;

function unquote(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    // Not strict JSON (a raw control character or an unknown escape): take `\x` as `x`.
    return literal.slice(1, -1).replace(/\\(.)/gs, '$1');
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === '[') {
      tokens.push({ kind: c, pos: i });
      i++;
    } else if (c === ']') {
      const m = SUB_AFTER_BRACKET.exec(text.slice(i + 1));
      if (m) {
        tokens.push({ kind: ']', pos: i, sub: m[1] });
        i += 1 + m[0].length;
      } else {
        tokens.push({ kind: ']', pos: i });
        i++;
      }
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw invalidFilter(`Unterminated string starting at position ${i}.`);
      tokens.push({ kind: 'string', pos: i, value: unquote(text.slice(i, j + 1)) });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s()[\]"]/.test(text[j])) j++;
      tokens.push({ kind: 'word', pos: i, text: text.slice(i, j) });
      i = j;
    }
  }
  tokens.push({ kind: 'end', pos: text.length });
  return tokens;
}

function isWord(t: Token, lowerText: string): boolean {
  return t.kind === 'word' && t.text.toLowerCase() === lowerText;
}

function describe(t: Token): string {
  return t.kind === 'end' ? 'end of filter' : `token at position ${t.pos}`;
}

function shortName(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private depth = 0;
  private inValuePath = false;
  private readonly maxDepth: number;

  constructor(tokens: Token[], maxDepth: number) {
    this.tokens = tokens;
    this.maxDepth = maxDepth;
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.pos++;
    return t;
  }

  enter(): void {
    this.depth++;
    if (this.depth > this.maxDepth) throw invalidFilter(`Filter nesting is deeper than ${this.maxDepth}.`);
  }

  leave(): void {
    this.depth--;
  }

  parseOr(): FilterNode {
    const first = this.parseAnd();
    if (!isWord(this.peek(), 'or')) return first;
    const filters = [first];
    while (isWord(this.peek(), 'or')) {
      this.next();
      filters.push(this.parseAnd());
    }
    return { op: 'or', filters };
  }

  parseAnd(): FilterNode {
    const first = this.parseUnary();
    if (!isWord(this.peek(), 'and')) return first;
    const filters = [first];
    while (isWord(this.peek(), 'and')) {
      this.next();
      filters.push(this.parseUnary());
    }
    return { op: 'and', filters };
  }

  parseUnary(): FilterNode {
    const t = this.peek();
    if (isWord(t, 'not')) {
      this.next();
      this.enter();
      const filter = this.parseUnary();
      this.leave();
      return { op: 'not', filter };
    }
    if (t.kind === '(') {
      this.next();
      this.enter();
      const inner = this.parseOr();
      const close = this.next();
      if (close.kind !== ')') throw invalidFilter(`Expected ')' but found ${describe(close)}.`);
      this.leave();
      return inner;
    }
    if (t.kind === 'word') return this.parseAttrExpression();
    throw invalidFilter(`Expected an attribute expression but found ${describe(t)}.`);
  }

  parseAttrExpression(): FilterNode {
    const t = this.next();
    if (t.kind !== 'word') throw invalidFilter(`Expected an attribute name but found ${describe(t)}.`);
    const path = parseAttrPath(t.text);
    if (!path) throw invalidFilter(`Invalid attribute path "${shortName(t.text)}".`);

    if (this.peek().kind === '[') {
      const { filter, sub } = this.parseBracket();
      if (sub === undefined) return { op: '[]', path, filter };
      // `emails[type eq "work"].value co "x"` — one element must satisfy both, so fold it in.
      const tail = this.parseOperator({ attr: sub });
      return { op: '[]', path, filter: { op: 'and', filters: [filter, tail] } };
    }
    return this.parseOperator(path);
  }

  /** `[ valFilter ]` with an optional `.subAttr` glued to the closing bracket. */
  parseBracket(): { filter: FilterNode; sub?: string } {
    if (this.inValuePath) throw invalidFilter('Value filters cannot be nested.');
    this.next();
    this.enter();
    this.inValuePath = true;
    const filter = this.parseOr();
    this.inValuePath = false;
    const close = this.next();
    if (close.kind !== ']') throw invalidFilter(`Expected ']' but found ${describe(close)}.`);
    this.leave();
    return close.sub === undefined ? { filter } : { filter, sub: close.sub };
  }

  parseOperator(path: AttrPathRef): FilterNode {
    const t = this.next();
    const op = t.kind === 'word' ? t.text.toLowerCase() : '';
    if (op === 'pr') return { op: 'pr', path };
    if (!COMPARE_OPS.has(op)) throw invalidFilter(`Expected an operator but found ${describe(t)}.`);
    return { op: op as CompareOp, path, ...this.parseValue() };
  }

  parseValue(): { value: FilterValue; raw?: string } {
    const t = this.next();
    if (t.kind === 'string') return { value: t.value };
    if (t.kind !== 'word') throw invalidFilter(`Expected a comparison value but found ${describe(t)}.`);
    const lower = t.text.toLowerCase();
    if (lower === 'true') return { value: true, raw: t.text };
    if (lower === 'false') return { value: false, raw: t.text };
    if (lower === 'null') return { value: null, raw: t.text };
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t.text)) return { value: Number(t.text), raw: t.text };
    return { value: t.text, raw: t.text };
  }
}

export function parseFilter(text: string, limits: FilterLimits = {}): FilterNode {
  const maxLength = limits.maxLength ?? DEFAULT_FILTER_LIMITS.maxLength;
  const maxDepth = limits.maxDepth ?? DEFAULT_FILTER_LIMITS.maxDepth;
  if (typeof text !== 'string' || text.trim() === '') throw invalidFilter('The filter is empty.');
  if (text.length > maxLength) throw invalidFilter(`The filter is longer than ${maxLength} characters.`);
  const parser = new Parser(tokenize(text), maxDepth);
  const node = parser.parseOr();
  const rest = parser.peek();
  if (rest.kind !== 'end') throw invalidFilter(`Unexpected ${describe(rest)}.`);
  return node;
}

/**
 * A PATCH path (RFC 7644 §3.5.2): `attrPath`, or `valuePath [ "." subAttr ]`.
 * Syntax errors surface as invalidPath, the scimType RFC 7644 gives for bad PATCH paths.
 */
export interface PatchPath {
  path: AttrPathRef;
  filter?: FilterNode;
  /** Sub-attribute after a value filter: `emails[type eq "work"].value`. */
  subAttr?: string;
}

export function parsePatchPath(text: string, limits: FilterLimits = {}): PatchPath {
  try {
    if (typeof text !== 'string' || text.trim() === '') throw invalidFilter('The path is empty.');
    const maxLength = limits.maxLength ?? DEFAULT_FILTER_LIMITS.maxLength;
    if (text.length > maxLength) throw invalidFilter(`The path is longer than ${maxLength} characters.`);
    const parser = new Parser(tokenize(text), limits.maxDepth ?? DEFAULT_FILTER_LIMITS.maxDepth);
    const head = parser.next();
    if (head.kind !== 'word') throw invalidFilter(`Expected an attribute name but found ${describe(head)}.`);
    const path = parseAttrPath(head.text);
    if (!path) throw invalidFilter(`Invalid attribute path "${shortName(head.text)}".`);
    const result: PatchPath = { path };
    if (parser.peek().kind === '[') {
      const { filter, sub } = parser.parseBracket();
      result.filter = filter;
      if (sub !== undefined) result.subAttr = sub;
    }
    const rest = parser.peek();
    if (rest.kind !== 'end') throw invalidFilter(`Unexpected ${describe(rest)}.`);
    return result;
  } catch (err) {
    if (err instanceof ScimError && err.scimType === 'invalidFilter') throw invalidPath(err.detail);
    throw err;
  }
}
