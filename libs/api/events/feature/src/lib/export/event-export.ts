import type { ExportFormat, FleetEvent } from '@mcp-fleet/shared/contracts';

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

/** Text chunks of an export, one per chunk of rows read, so memory stays flat. */
export async function* renderExport(
  format: ExportFormat,
  chunks: AsyncIterable<FleetEvent[]> | Iterable<FleetEvent[]>,
): AsyncGenerator<string> {
  const row = format === 'csv' ? csvRow : ndjsonRow;
  if (format === 'csv') {
    yield csvHeader();
  }
  for await (const events of chunks) {
    yield events.map(row).join('');
  }
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};
