import { randomFillSync } from 'node:crypto';

/** The parts of a W3C Trace Context `traceparent` header (version 00). */
export interface TraceContext {
  /** 32 lower-case hex digits, never all zeros. */
  traceId: string;
  /** 16 lower-case hex digits of the caller's span, never all zeros. */
  parentId: string;
  /** Two hex digits; bit 0 is `sampled`. */
  flags: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * Parses a `traceparent` header as W3C Trace Context Level 1 (section 3.2) defines it. Returns
 * null for a malformed value, version `ff`, all-zero ids, or extra fields on version 00, in
 * which case the receiver starts a new trace.
 */
export function parseTraceparent(header: string | undefined): TraceContext | null {
  if (!header) return null;
  const match = TRACEPARENT.exec(header.trim());
  if (!match) return null;
  const [, version, traceId, parentId, flags, rest] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  if (version === 'ff') return null;
  if (version === '00' && rest !== undefined) return null;
  if (/^0+$/.test(traceId) || /^0+$/.test(parentId)) return null;
  return { traceId, parentId, flags };
}

/**
 * Buffer of random bytes for ids, filled 4 KiB at a time: one fill serves 170 requests that
 * each take a trace id (16 bytes) and a span id (8 bytes). These ids need to be random so
 * they do not collide, not secret, so a shared buffer is enough.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}

/** Returns a random span id: 8 bytes as 16 hex digits. */
export function newSpanId(): string {
  return randomHex(8);
}

/** Returns a random trace id: 16 bytes as 32 hex digits. */
export function newTraceId(): string {
  return randomHex(16);
}

/** Formats a version 00 `traceparent` header. */
export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.parentId}-${context.flags}`;
}
