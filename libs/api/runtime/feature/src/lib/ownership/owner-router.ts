import { Injectable } from '@nestjs/common';

import { LeasesRepository, type UpstreamOptions, type UpstreamRequest } from '@mcp-fleet/api/runtime/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import { KeyRing } from '@mcp-fleet/api/shared/config';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import {
  type CallToolResponse,
  ERROR_CODES,
  type ErrorCode,
  type HealthCheckResult,
  type ToolCallInput,
} from '@mcp-fleet/shared/contracts';

import type { OperationTag } from '../domain/operation-tag';
import type { Outcome } from '../supervisor/outcome';
import { FORWARD_HEADER, ForwardCredential } from './forward-credential';
import { FORWARD_STREAM_TYPE, readForwardStream } from './forward-stream';
import { InstanceRegistry } from './instance-registry';
import { LeaseKeeper } from './lease-keeper';
import { ownerUnavailable } from './owner-unavailable';
import { forwards, forwardSeconds } from './ownership-metrics';
import { rendezvousOwner } from './rendezvous';

/** A lifecycle command's payload: who asks, and the operation its change is recorded under (to be undone). */
export interface LifecyclePayload {
  context: CallContext;
  operation?: OperationTag;
}

/** What can run only where the server runs: its payload and its answer. */
export interface RoutedOperations {
  start: { payload: LifecyclePayload; result: Outcome };
  stop: { payload: LifecyclePayload; result: Outcome };
  restart: { payload: LifecyclePayload; result: Outcome };
  enterMaintenance: { payload: LifecyclePayload; result: Outcome };
  exitMaintenance: { payload: LifecyclePayload; result: Outcome };
  callTool: { payload: { tool: string; args: Record<string, unknown>; input?: ToolCallInput }; result: CallToolResponse };
  checkHealth: { payload: Record<string, never>; result: HealthCheckResult };
  /** Any MCP request (the gateway): the server's result as it gave it. */
  mcpRequest: { payload: { request: UpstreamRequest }; result: Record<string, unknown> };
}
export type RoutedKind = keyof RoutedOperations;
/**
 * What a caller on this replica hands over besides the payload: its abort signal (a forwarded
 * operation is cancelled on the owner when the caller goes away) and its progress listener (the
 * owner streams progress back).
 */
export type LocalOptions = UpstreamOptions;
type Executor<K extends RoutedKind> = (
  serverId: string,
  payload: RoutedOperations[K]['payload'],
  local?: LocalOptions,
) => Promise<RoutedOperations[K]['result']>;

/** Where an operation goes: the owner, or (`placed`) the replica placement chose for a server nobody owns. */
interface Target {
  owner: string;
  address: string | null;
  placed: boolean;
  /** From the short-lived cache: forwarded once more after a fresh lookup if the owner moved. */
  cached?: boolean;
}

const OWNER_CACHE_MS = 1000;
const OWNER_CACHE_MAX = 10_000;

function isOwnerUnavailable(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'OWNER_UNAVAILABLE';
}

/** A server nobody owns is started where placement puts it; every other operation then runs here. */
const PLACED: ReadonlySet<RoutedKind> = new Set(['start', 'restart']);
export const FORWARD_PATH = '/api/internal/runtime';
/** Longer than a start may take (its handshake timeout and a stop before it); an owner that hangs longer is unavailable. */
const FORWARD_TIMEOUT_MS = 120_000;

/**
 * Runs an operation where its server runs. Here when this replica holds the lease (no database
 * read: the hot path of a tool call), when nobody does (a start placed here, or an answer such
 * as SERVER_NOT_RUNNING), and on the owner otherwise: forwarded over HTTP with the replicas'
 * shared credential, its answer or error returned as if it ran here. An owner that does not
 * answer is OWNER_UNAVAILABLE (503, retryable).
 */
@Injectable()
export class OwnerRouter {
  private readonly executors = new Map<RoutedKind, Executor<RoutedKind>>();
  /** Owners of servers run elsewhere, kept briefly so a stream of tool calls does not read the lease each time. */
  private readonly owners = new Map<string, { target: Target; until: number }>();
  readonly credential: ForwardCredential;

  constructor(
    private readonly keeper: LeaseKeeper,
    private readonly registry: InstanceRegistry,
    private readonly leases: LeasesRepository,
    keys: KeyRing,
  ) {
    this.credential = new ForwardCredential(keys.jwtSecret);
  }

  /** Registers how an operation runs on this replica. */
  handle<K extends RoutedKind>(kind: K, executor: Executor<K>): void {
    this.executors.set(kind, executor as unknown as Executor<RoutedKind>);
  }

  async run<K extends RoutedKind>(
    kind: K,
    serverId: string,
    payload: RoutedOperations[K]['payload'],
    local?: LocalOptions,
  ): Promise<RoutedOperations[K]['result']> {
    let target = await this.target(kind, serverId);
    if (target?.cached) {
      try {
        return await this.forward(target, kind, serverId, payload, local);
      } catch (error) {
        if (!isOwnerUnavailable(error)) {
          throw error;
        }
        // The owner moved since it was cached: ask the database once more.
        this.owners.delete(serverId);
        target = await this.target(kind, serverId);
      }
    }
    if (!target) {
      return this.here(kind, serverId, payload, local);
    }
    try {
      return await this.forward(target, kind, serverId, payload, local);
    } catch (error) {
      this.owners.delete(serverId);
      // A start placed on a replica that does not answer runs here instead: nobody owns the
      // server yet, and taking its lease is atomic.
      if (target.placed && isOwnerUnavailable(error)) {
        return this.here(kind, serverId, payload, local);
      }
      throw error;
    }
  }

  /**
   * An operation another replica forwarded here. Refused (retryable) when this replica does not
   * run the server: the sender's idea of the owner was stale, and it asks again.
   */
  forwardedHere<K extends RoutedKind>(
    kind: K,
    serverId: string,
    payload: RoutedOperations[K]['payload'],
    local?: LocalOptions,
  ): Promise<RoutedOperations[K]['result']> {
    if (!PLACED.has(kind) && !this.keeper.holds(serverId)) {
      throw ownerUnavailable(serverId, `${this.registry.instanceId} does not run it`);
    }
    return this.here(kind, serverId, payload, local);
  }

  /** Runs an operation on this replica (a forwarded one arrives here). */
  here<K extends RoutedKind>(
    kind: K,
    serverId: string,
    payload: RoutedOperations[K]['payload'],
    local?: LocalOptions,
  ): Promise<RoutedOperations[K]['result']> {
    const executor = this.executors.get(kind) as Executor<K> | undefined;
    if (!executor) {
      throw new Error(`No executor for ${kind}`);
    }
    return executor(serverId, payload, local);
  }

  /** The replica to forward to, or undefined to run here. */
  private async target(kind: RoutedKind, serverId: string): Promise<Target | undefined> {
    if (this.keeper.holds(serverId)) {
      return undefined;
    }
    const cached = this.owners.get(serverId);
    if (cached && cached.until > performance.now()) {
      return cached.target;
    }
    const me = this.registry.instanceId;
    const owner = await this.leases.ownerOf(serverId);
    if (owner) {
      if (owner.owner === me) {
        return undefined;
      }
      const target = { owner: owner.owner, address: owner.address || null, placed: false };
      this.remember(serverId, target);
      return target;
    }
    if (!PLACED.has(kind)) {
      return undefined;
    }
    const winner = rendezvousOwner(serverId, this.registry.live);
    const address = winner === undefined ? undefined : this.registry.addressOf(winner);
    return winner === undefined || winner === me || !address ? undefined : { owner: winner, address, placed: true };
  }

  private remember(serverId: string, target: Target): void {
    if (this.owners.size >= OWNER_CACHE_MAX) {
      this.owners.clear();
    }
    this.owners.set(serverId, { target: { ...target, cached: true }, until: performance.now() + OWNER_CACHE_MS });
  }

  private async forward<K extends RoutedKind>(
    target: Target,
    kind: K,
    serverId: string,
    payload: RoutedOperations[K]['payload'],
    local?: LocalOptions,
  ): Promise<RoutedOperations[K]['result']> {
    if (!target.address) {
      throw ownerUnavailable(serverId, `${target.owner} has not said where it listens`);
    }
    // With a progress listener the owner streams its progress back (forward-stream.ts).
    const body = JSON.stringify({ kind, serverId, payload, ...(local?.onProgress ? { progress: true } : {}) });
    const timeout = AbortSignal.timeout(FORWARD_TIMEOUT_MS);
    const stop = forwardSeconds.startTimer({ kind });
    let response: Response;
    let answer: Record<string, unknown> | undefined;
    try {
      response = await fetch(`${target.address}${FORWARD_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [FORWARD_HEADER]: this.credential.sign(body) },
        body,
        // The caller going away aborts the forward: the owner sees its connection close and cancels.
        signal: local?.signal ? AbortSignal.any([timeout, local.signal]) : timeout,
      });
      answer = response.headers.get('content-type')?.startsWith(FORWARD_STREAM_TYPE)
        ? await streamed(response, local)
        : parse(await response.text());
    } catch {
      if (local?.signal?.aborted) {
        forwards.inc({ kind, outcome: 'answered' });
        throw new DomainError('MCP_REQUEST_FAILED', 'The call was cancelled by the client', { serverId, cancelled: true });
      }
      forwards.inc({ kind, outcome: 'unavailable' });
      throw ownerUnavailable(serverId, `${target.owner} did not answer`);
    } finally {
      stop();
    }
    if (response.ok && answer && 'result' in answer) {
      forwards.inc({ kind, outcome: 'answered' });
      return answer['result'] as RoutedOperations[K]['result'];
    }
    const code = answer?.['code'];
    if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code) && code !== 'INTERNAL_ERROR') {
      forwards.inc({ kind, outcome: 'answered' });
      const retryAfter = typeof answer?.['retryAfter'] === 'string' ? answer['retryAfter'] : response.headers.get('retry-after');
      throw new DomainError(
        code as ErrorCode,
        typeof answer?.['message'] === 'string' ? answer['message'] : code,
        answer?.['details'],
        retryAfter ? { 'retry-after': retryAfter } : undefined,
      );
    }
    forwards.inc({ kind, outcome: 'unavailable' });
    throw ownerUnavailable(serverId, `${target.owner} answered ${response.status}`);
  }
}

/** A streamed answer's last line: `{ result }` as it is, an error as its body (as a JSON answer gives it). */
async function streamed(response: Response, local: LocalOptions | undefined): Promise<Record<string, unknown> | undefined> {
  const last = await readForwardStream(response, local?.onProgress);
  const error = last?.['error'];
  return error !== null && typeof error === 'object' ? (error as Record<string, unknown>) : last;
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
