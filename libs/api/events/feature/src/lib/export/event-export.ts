import type { AuditEntry, ExportFormat, FleetEvent } from '@mcp-fleet/shared/contracts';

const CSV_COLUMNS = [
  'seq',
  'timestamp',
  'type',
  'severity',
  'category',
  'serverId',
  'serverName',
  'message',
  'actorKind',
  'actorId',
  'actorName',
  'correlationId',
  'instanceId',
  'id',
  'data',
] as const;

/** A spreadsheet treats a cell starting with these as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula triggers neutralised with a leading `'`, then RFC 4180 quoting. */
export function csvCell(value: string | number | null): string {
  if (value === null) {
    return '';
  }
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(event: FleetEvent): string {
  const values: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
    seq: event.seq,
    timestamp: event.timestamp,
    type: event.type,
    severity: event.severity,
    category: event.category,
    serverId: event.serverId,
    serverName: event.serverName,
    message: event.message,
    actorKind: event.actor.kind,
    actorId: event.actor.id,
    actorName: event.actor.name,
    correlationId: event.correlationId,
    instanceId: event.instanceId,
    id: event.id,
    data: JSON.stringify(event.data),
  };
  return `${CSV_COLUMNS.map((column) => csvCell(values[column])).join(',')}\r\n`;
}

export function ndjsonRow(event: FleetEvent): string {
  return `${JSON.stringify(event)}\n`;
}

const AUDIT_CSV_COLUMNS = [
  'seq',
  'timestamp',
  'actorKind',
  'actorId',
  'actorName',
  'action',
  'targetType',
  'targetId',
  'targetName',
  'result',
  'statusCode',
  'errorCode',
  'ip',
  'userAgent',
  'correlationId',
  'via',
  'instanceId',
  'durationMs',
  'id',
] as const;

export function auditCsvRow(entry: AuditEntry): string {
  const values: Record<(typeof AUDIT_CSV_COLUMNS)[number], string | number | null> = {
    seq: entry.seq,
    timestamp: entry.timestamp,
    actorKind: entry.actor.kind,
    actorId: entry.actor.id,
    actorName: entry.actor.name,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    targetName: entry.target?.name ?? null,
    result: entry.result,
    statusCode: entry.statusCode,
    errorCode: entry.errorCode,
    ip: entry.ip,
    userAgent: entry.userAgent,
    correlationId: entry.correlationId,
    via: entry.via,
    instanceId: entry.instanceId,
    durationMs: entry.durationMs,
    id: entry.id,
  };
  return `${AUDIT_CSV_COLUMNS.map((column) => csvCell(values[column])).join(',')}\r\n`;
}

/** Text chunks of an export, one per chunk of rows read, so memory stays flat. */
async function* renderRows<T>(
  format: ExportFormat,
  chunks: AsyncIterable<T[]> | Iterable<T[]>,
  csv: { header: string; row: (item: T) => string },
): AsyncGenerator<string> {
  const row = format === 'csv' ? csv.row : (item: T) => `${JSON.stringify(item)}\n`;
  if (format === 'csv') {
    yield csv.header;
  }
  for await (const items of chunks) {
    yield items.map(row).join('');
  }
}

/** An export of events. */
export function renderExport(format: ExportFormat, chunks: AsyncIterable<FleetEvent[]> | Iterable<FleetEvent[]>): AsyncGenerator<string> {
  return renderRows(format, chunks, { header: csvHeader(), row: csvRow });
}

/** An export of audit entries. */
export function renderAuditExport(
  format: ExportFormat,
  chunks: AsyncIterable<AuditEntry[]> | Iterable<AuditEntry[]>,
): AsyncGenerator<string> {
  return renderRows(format, chunks, { header: `${AUDIT_CSV_COLUMNS.join(',')}\r\n`, row: auditCsvRow });
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};
