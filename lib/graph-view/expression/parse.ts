/**
 * The find/hide expression language: a recursive-descent parser over
 *   expr   := term  (OR term)*
 *   term   := factor (AND factor)*
 *   factor := (NOT | !) factor | "(" expr ")" | field op value | flag
 * AND binds tighter than OR. Errors carry the character position and explain what is
 * allowed, so the toolbar can show them inline.
 */
import { aliases, allowedHelp, flags, numericFields, textFields } from "./predicates";

export type CompareOp = ">" | ">=" | "<" | "<=" | "=" | "!=";

export type Expr =
  | { kind: "or" | "and"; left: Expr; right: Expr }
  | { kind: "not"; expr: Expr }
  | { kind: "compare"; field: string; op: CompareOp; value: number | string }
  | { kind: "flag"; flag: string };

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = "ExpressionError";
  }
  /** The message plus what the language accepts. */
  get help(): string {
    return allowedHelp;
  }
}

type Token =
  | { type: "word"; text: string; pos: number }
  | { type: "string"; text: string; pos: number }
  | { type: "op"; text: CompareOp; pos: number }
  | { type: "and" | "or" | "not" | "(" | ")"; pos: number }
  | { type: "end"; pos: number };

const symbols: [string, Token["type"] | CompareOp][] = [
  ["&&", "and"],
  ["||", "or"],
  [">=", ">="],
  ["<=", "<="],
  ["!=", "!="],
  ["==", "="],
  [">", ">"],
  ["<", "<"],
  ["=", "="],
  ["!", "not"],
  ["(", "("],
  [")", ")"],
];
const keywords: Record<string, "and" | "or" | "not"> = { and: "and", or: "or", not: "not" };
const wordChar = /[A-Za-z0-9_.%\-:/*]/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const symbol = symbols.find(([s]) => text.startsWith(s, i));
    if (symbol) {
      const [s, type] = symbol;
      if (type === "and" || type === "or" || type === "not" || type === "(" || type === ")")
        tokens.push({ type, pos: i });
      else tokens.push({ type: "op", text: type as CompareOp, pos: i });
      i += s.length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const close = text.indexOf(ch, i + 1);
      if (close < 0) throw new ExpressionError(`Unclosed quote at position ${i + 1}.`, i);
      tokens.push({ type: "string", text: text.slice(i + 1, close), pos: i });
      i = close + 1;
      continue;
    }
    if (wordChar.test(ch)) {
      const start = i;
      while (i < text.length && wordChar.test(text[i] as string)) i++;
      const word = text.slice(start, i);
      const keyword = keywords[word.toLowerCase()];
      tokens.push(keyword ? { type: keyword, pos: start } : { type: "word", text: word, pos: start });
      continue;
    }
    throw new ExpressionError(`Unexpected "${ch}" at position ${i + 1}.`, i);
  }
  tokens.push({ type: "end", pos: text.length });
  return tokens;
}

const canonical = (word: string) => {
  const lower = word.toLowerCase();
  return aliases[lower] ?? lower;
};

const describe = (t: Token) =>
  t.type === "end"
    ? "the end"
    : t.type === "word" || t.type === "string"
      ? `"${t.text}"`
      : t.type === "op"
        ? `"${t.text}"`
        : `"${t.type.toUpperCase()}"`;

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }
  private next(): Token {
    return this.tokens[this.i++] as Token;
  }

  parseAll(): Expr {
    const expr = this.parseOr();
    const t = this.peek();
    if (t.type !== "end")
      throw new ExpressionError(`Expected AND, OR or the end at position ${t.pos + 1}, found ${describe(t)}.`, t.pos);
    return expr;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.peek().type === "or") {
      this.next();
      left = { kind: "or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseFactor();
    while (this.peek().type === "and") {
      this.next();
      left = { kind: "and", left, right: this.parseFactor() };
    }
    return left;
  }

  private parseFactor(): Expr {
    const t = this.next();
    if (t.type === "not") return { kind: "not", expr: this.parseFactor() };
    if (t.type === "(") {
      const expr = this.parseOr();
      const close = this.next();
      if (close.type !== ")")
        throw new ExpressionError(`Expected ")" at position ${close.pos + 1}, found ${describe(close)}.`, close.pos);
      return expr;
    }
    if (t.type !== "word")
      throw new ExpressionError(
        `Expected a field or a word such as mtls at position ${t.pos + 1}, found ${describe(t)}.`,
        t.pos,
      );
    const name = canonical(t.text);
    const op = this.peek();
    if (op.type === "op") {
      this.next();
      return this.parseComparison(name, t, op.text, op.pos);
    }
    if (flags[name]) return { kind: "flag", flag: name };
    if (numericFields[name] || textFields[name]) {
      throw new ExpressionError(
        `"${t.text}" needs an operator and a value, e.g. ${numericFields[name] ? `${t.text} > 1` : `${t.text} = reviews`}.`,
        op.pos,
      );
    }
    throw new ExpressionError(`Unknown word "${t.text}" at position ${t.pos + 1}.`, t.pos);
  }

  private parseComparison(name: string, fieldToken: Token & { text: string }, op: CompareOp, opPos: number): Expr {
    const valueToken = this.next();
    if (valueToken.type !== "word" && valueToken.type !== "string") {
      throw new ExpressionError(
        `Expected a value after "${op}" at position ${valueToken.pos + 1}, found ${describe(valueToken)}.`,
        valueToken.pos,
      );
    }
    if (numericFields[name]) {
      const value = Number(valueToken.text);
      if (valueToken.text === "" || !Number.isFinite(value)) {
        throw new ExpressionError(
          `"${fieldToken.text}" compares numbers; "${valueToken.text}" is not a number.`,
          valueToken.pos,
        );
      }
      return { kind: "compare", field: name, op, value };
    }
    if (textFields[name]) {
      if (op !== "=" && op !== "!=")
        throw new ExpressionError(`"${fieldToken.text}" is a name: use = or !=, not "${op}".`, opPos);
      return { kind: "compare", field: name, op, value: valueToken.text };
    }
    if (flags[name])
      throw new ExpressionError(
        `"${fieldToken.text}" is a word on its own (no operator): write ${fieldToken.text} or NOT ${fieldToken.text}.`,
        opPos,
      );
    throw new ExpressionError(`Unknown field "${fieldToken.text}" at position ${fieldToken.pos + 1}.`, fieldToken.pos);
  }
}

/** Parses an expression; an empty text gives `null` (nothing to find or hide). */
export function parseExpression(text: string): Expr | null {
  if (text.trim() === "") return null;
  return new Parser(tokenize(text)).parseAll();
}

export type ParseResult = { ok: true; expr: Expr | null } | { ok: false; error: ExpressionError };

export function tryParseExpression(text: string): ParseResult {
  try {
    return { ok: true, expr: parseExpression(text) };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, error };
    throw error;
  }
}
