import type { CDPSession, Page } from 'playwright-core';

/** One HTTP response as Chromium's network stack saw it. */
export interface Transfer {
  url: string;
  method: string;
  /** Chromium's resource type: Document, Script, Stylesheet, Font, Fetch, XHR, Image, Other... */
  type: string;
  status: number;
  /** Bytes received on the wire for this response (headers and compressed body). */
  bytes: number;
  /** The response's Content-Encoding, '' when none. */
  encoding: string;
  cacheControl: string;
  /** Answered from the browser's cache (memory or disk), nothing transferred. */
  fromCache: boolean;
}

export interface TransferSummary {
  requests: number;
  bytes: number;
  /** Per resource type: requests and bytes, largest first. */
  byType: { type: string; requests: number; bytes: number }[];
}

export interface TransferRecorder {
  /** The responses completed so far. */
  readonly transfers: () => Transfer[];
  /** Stops recording; resolves to every completed response. */
  readonly stop: () => Promise<Transfer[]>;
}

/**
 * Records every HTTP response of a page through the Chrome DevTools Protocol, with the bytes
 * actually transferred (`encodedDataLength`: compressed body plus headers), which Playwright's
 * own request events do not give. WebSocket frames are not HTTP responses and are left out.
 */
export async function recordTransfers(page: Page): Promise<TransferRecorder> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const pending = new Map<string, Transfer>();
  const done: Transfer[] = [];
  cdp.on('Network.requestWillBeSent', (event) => {
    pending.set(event.requestId, {
      url: event.request.url,
      method: event.request.method,
      type: event.type ?? 'Other',
      status: 0,
      bytes: 0,
      encoding: '',
      cacheControl: '',
      fromCache: false,
    });
  });
  cdp.on('Network.responseReceived', (event) => {
    const entry = pending.get(event.requestId);
    if (entry) {
      const headers = lowerCaseKeys(event.response.headers);
      entry.status = event.response.status;
      entry.type = event.type ?? entry.type;
      entry.encoding = headers['content-encoding'] ?? '';
      entry.cacheControl = headers['cache-control'] ?? '';
      entry.fromCache ||= event.response.fromDiskCache === true || event.response.fromPrefetchCache === true;
    }
  });
  cdp.on('Network.requestServedFromCache', (event) => {
    const entry = pending.get(event.requestId);
    if (entry) {
      entry.fromCache = true;
    }
  });
  cdp.on('Network.loadingFinished', (event) => {
    const entry = pending.get(event.requestId);
    if (entry) {
      pending.delete(event.requestId);
      entry.bytes = entry.fromCache ? 0 : event.encodedDataLength;
      done.push(entry);
    }
  });
  cdp.on('Network.loadingFailed', (event) => {
    pending.delete(event.requestId);
  });
  await cdp.send('Network.enable');
  return {
    transfers: () => [...done],
    stop: async () => {
      await cdp.detach().catch(() => undefined);
      return [...done];
    },
  };
}

export function summarizeTransfers(transfers: readonly Transfer[]): TransferSummary {
  const byType = new Map<string, { type: string; requests: number; bytes: number }>();
  for (const transfer of transfers) {
    const row = byType.get(transfer.type) ?? { type: transfer.type, requests: 0, bytes: 0 };
    row.requests += 1;
    row.bytes += transfer.bytes;
    byType.set(transfer.type, row);
  }
  return {
    requests: transfers.length,
    bytes: transfers.reduce((sum, t) => sum + t.bytes, 0),
    byType: [...byType.values()].sort((a, b) => b.bytes - a.bytes),
  };
}

function lowerCaseKeys(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), String(value)]));
}
