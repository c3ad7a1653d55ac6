/**
 * A Hyper-V host in process: it answers each operation with a canned envelope (the JSON document a
 * session prints) and records the requests it got, as they travel (JSON). Errors go through the
 * pool's own decoding (`errorFromInfo`), so a provider sees exactly the typed error a real host's
 * error record gives.
 */
import { envelopeSchema, type Envelope, type ErrorInfo } from "../../../provider/powershell/envelope";
import { errorFromInfo } from "../../../provider/powershell/error-mapping";
import type { HostRunner } from "../../../provider/resources/host-runner";

/** One call the host got. */
export interface HostCall {
  host: string;
  operation: string;
  request: Record<string, unknown>;
  kind: "read" | "write";
}

type Answer = Envelope | ((request: Record<string, unknown>) => Envelope);

/** The envelope of a call that returned `data`. */
export function okEnvelope(data: unknown): Envelope {
  return { ok: true, data, warnings: [], error: null };
}

/** The envelope of a call that failed with `error` (what the prelude reports of the error record). */
export function errorEnvelope(error: Omit<ErrorInfo, "message"> & { message?: string }): Envelope {
  return {
    ok: false,
    data: null,
    warnings: [],
    error: { message: `${error.fullyQualifiedErrorId} failed`, ...error },
  };
}

/** What a read script throws after looking the object up and finding nothing (New-HvNotFoundRecord). */
export function notFound(operation: string, target: string): Envelope {
  return errorEnvelope({
    category: "ObjectNotFound",
    fullyQualifiedErrorId: "HvObjectNotFound",
    message: `No object has the id ${target}.`,
    targetObject: target,
    operation,
  });
}

/** A fake host: answers are queued per operation and used once each, in order. */
export class FakeHost implements HostRunner {
  readonly calls: HostCall[] = [];
  private readonly queued = new Map<string, Answer[]>();

  /** Queues the answer to the next call of `operation`. */
  answer(operation: string, answer: Answer): this {
    this.queued.set(operation, [...(this.queued.get(operation) ?? []), answer]);
    return this;
  }

  /** Queues data returned by the next call of `operation`. */
  replies(operation: string, data: unknown): this {
    return this.answer(operation, okEnvelope(data));
  }

  /** Queues a failure of the next call of `operation`. */
  fails(operation: string, envelope: Envelope): this {
    return this.answer(operation, envelope);
  }

  /** The operations called, in order. */
  get operations(): string[] {
    return this.calls.map((call) => call.operation);
  }

  async invoke<T>(host: string, operation: string, request: unknown, kind: "read" | "write"): Promise<T> {
    // What the script receives: the request's JSON (undefined fields dropped).
    const sent = JSON.parse(JSON.stringify(request ?? null)) as Record<string, unknown>;
    this.calls.push({ host, operation, request: sent, kind });
    const queue = this.queued.get(operation) ?? [];
    const answer = queue.shift();
    if (!answer) throw new Error(`the fake host has no answer for ${operation}`);
    const envelope = envelopeSchema.parse(typeof answer === "function" ? answer(sent) : answer);
    if (!envelope.ok || envelope.error) throw errorFromInfo(envelope.error!, host, envelope.warnings);
    return envelope.data as T;
  }

  /** Every unused answer (a test that queued one expected a call that did not happen). */
  get unused(): string[] {
    return [...this.queued].flatMap(([operation, queue]) => queue.map(() => operation));
  }
}
