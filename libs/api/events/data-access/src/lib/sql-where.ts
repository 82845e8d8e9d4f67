/** Builds a parameterised WHERE clause; values never enter the SQL text. */
export class SqlWhere {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Adds a parameter and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  get sql(): string {
    return this.conditions.length > 0 ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** `%` and `_` are literal in searches. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `prefix*` → a LIKE pattern for the prefix, with `%` and `_` literal. */
export function prefixPattern(text: string): string {
  return `${text.replace(/\*$/, '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** An actor filter: a user/token id, or a name compared case-insensitively. */
export function actorCondition(where: SqlWhere, actor: string): string {
  return UUID_PATTERN.test(actor) ? `actor_id = ${where.param(actor)}` : `lower(actor_name) = lower(${where.param(actor)})`;
}
