/**
 * RFC 6570 URI templates, as MCP resource templates use them: the variables a template names
 * and the URI it expands to. Covers simple (`{id}`), reserved (`{+path}`), fragment (`{#f}`),
 * label (`{.ext}`), path (`{/seg}`), parameter (`{;p}`), query (`{?q,r}`) and continuation
 * (`{&s}`) expressions with comma-separated lists and the `*` and `:n` modifiers; values are
 * single strings (a form field each), so explode only changes how the name is kept.
 */

interface Operator {
  first: string;
  separator: string;
  named: boolean;
  /** Keep an empty named value as `name` (true) or `name=` (false). */
  bareIfEmpty: boolean;
  /** Reserved characters pass through unencoded. */
  reserved: boolean;
}

const OPERATORS: Record<string, Operator> = {
  '': { first: '', separator: ',', named: false, bareIfEmpty: false, reserved: false },
  '+': { first: '', separator: ',', named: false, bareIfEmpty: false, reserved: true },
  '#': { first: '#', separator: ',', named: false, bareIfEmpty: false, reserved: true },
  '.': { first: '.', separator: '.', named: false, bareIfEmpty: false, reserved: false },
  '/': { first: '/', separator: '/', named: false, bareIfEmpty: false, reserved: false },
  ';': { first: ';', separator: ';', named: true, bareIfEmpty: true, reserved: false },
  '?': { first: '?', separator: '&', named: true, bareIfEmpty: false, reserved: false },
  '&': { first: '&', separator: '&', named: true, bareIfEmpty: false, reserved: false },
};

const EXPRESSION = /\{([^{}]*)\}/g;

interface VariableSpec {
  name: string;
  prefix: number | null;
}

function parseExpression(body: string): { operator: Operator; variables: VariableSpec[] } {
  const head = body.charAt(0);
  const hasOperator = head in OPERATORS && head !== '';
  const operator = OPERATORS[hasOperator ? head : ''];
  const list = hasOperator ? body.slice(1) : body;
  const variables = list
    .split(',')
    .map((raw) => raw.trim())
    .filter((raw) => raw !== '')
    .map((raw) => {
      const exploded = raw.endsWith('*') ? raw.slice(0, -1) : raw;
      const [name, length] = exploded.split(':');
      const prefix = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
      return { name, prefix };
    });
  return { operator, variables };
}

/** The variable names of a template, in order of first appearance, each once. */
export function templateVariables(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(EXPRESSION)) {
    for (const { name } of parseExpression(match[1]).variables) {
      if (!names.includes(name)) {
        names.push(name);
      }
    }
  }
  return names;
}

function encode(value: string, reserved: boolean): string {
  if (reserved) {
    // Keep reserved characters and existing %XX escapes; encode anything else that is not allowed.
    return value.replace(/%[0-9A-Fa-f]{2}|[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]/g, (part) =>
      part.length === 3 && part.startsWith('%') ? part : encodeURIComponent(part),
    );
  }
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The template with each expression replaced by its values. A variable with no value (absent
 * or empty in `values`) is left out of its expression, as RFC 6570 treats an undefined one;
 * an expression with no value at all expands to nothing.
 */
export function expandUriTemplate(template: string, values: Readonly<Record<string, string | null | undefined>>): string {
  return template.replace(EXPRESSION, (_whole, body: string) => {
    const { operator, variables } = parseExpression(body);
    const parts: string[] = [];
    for (const { name, prefix } of variables) {
      const raw = values[name];
      if (raw === undefined || raw === null || raw === '') {
        continue;
      }
      const value = encode(prefix === null ? raw : Array.from(raw).slice(0, prefix).join(''), operator.reserved);
      parts.push(operator.named ? (value === '' && operator.bareIfEmpty ? name : `${name}=${value}`) : value);
    }
    return parts.length === 0 ? '' : operator.first + parts.join(operator.separator);
  });
}
