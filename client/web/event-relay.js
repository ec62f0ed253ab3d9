// Relays a call's OpenAI server events to its session on the hub: Publish(sessionId, events) answers
// { ack, refusal }. The rules are the ones every speaker client follows, written once in docs/design.md
// §Client relay rules: small ordered batches, one Publish at a time, a batch kept and resent until the hub
// acknowledges it (the hub ignores event ids it has seen, so a resend is harmless), refusals acted on by code,
// and a cap on what waits, so a speaker offline for long does not grow without bound.

/** Events that settle a caption: a viewer waits for these, so they seal their batch at once. */
const FINAL_TYPES = new Set(['conversation.item.input_audio_transcription.completed',
  'conversation.item.input_audio_transcription.failed', 'conversation.item.input_audio_transcription.segment',
  'response.output_audio_transcript.done', 'response.audio_transcript.done', 'response.output_text.done',
  'response.text.done']);

/** Refusal codes no later batch could pass: publishing stops for good. */
const STOPPING_REFUSALS = new Set(['session_ended', 'not_owner', 'not_visible']);

/**
 * @typedef {{ accepted: number, duplicates: number, lastSeq: number }} PublishAck
 * @typedef {{ code: string, message: string, retryAfterMs?: number | null }} HubRefusal
 * @typedef {{ ack: PublishAck | null, refusal: HubRefusal | null }} PublishAnswer
 * @typedef {{ number: number, events: object[], bytes: number }} EventBatch
 * @typedef {{ setTimeout: typeof setTimeout, clearTimeout: typeof clearTimeout }} Timers
 */

export class EventRelay {
  #sessionId;
  #publish;
  #maxBatchSize;
  #maxBatchBytes;
  #flushIntervalMs;
  #retryDelayMs;
  #maxPendingEvents;
  #onRefused;
  #onStopped;
  #onDropped;
  #timers;
  /** @type {object[]} */
  #open = [];
  #openBytes = 0;
  /** @type {EventBatch[]} sealed batches, oldest first; only the first is ever sent */
  #sealed = [];
  #sealedCount = 0;
  #pending = 0;
  #sending = false;
  #wokenWhileSending = false;
  #flushTimer = null;
  #retryTimer = null;
  /** @type {(() => void)[]} */
  #drainWaiters = [];
  /** @type {HubRefusal | null} */
  #stoppedBy = null;
  #lastSeq = 0;
  #dropped = 0;
  #published = 0;

  /**
   * @param {object} options
   * @param {string} options.sessionId the session the events belong to (ses_…)
   * @param {(sessionId: string, events: object[]) => Promise<PublishAnswer>} options.publish the hub's Publish;
   *   a rejection counts as "not sure it arrived": the same batch goes again
   * @param {number} [options.maxBatchSize] a batch is sealed once it holds this many events (50)
   * @param {number} [options.maxBatchBytes] ...or this many characters of JSON (512 KiB, under the hub's message cap)
   * @param {number} [options.flushIntervalMs] an event waits at most this long for others to join its batch (100)
   * @param {number} [options.retryDelayMs] pause after a failed Publish before the same batch goes again (1000)
   * @param {number} [options.maxPendingEvents] events kept unacknowledged at most (10,000); see docs/design.md
   * @param {(batch: EventBatch, refusal: HubRefusal) => void} [options.onRefused] the hub refused a batch for good
   * @param {(refusal: HubRefusal) => void} [options.onStopped] publishing stopped for good
   * @param {(event: object) => void} [options.onDropped] an event was dropped to keep within maxPendingEvents
   * @param {Timers} [options.timers] setTimeout/clearTimeout (tests pass a fake clock)
   */
  constructor({ sessionId, publish, maxBatchSize = 50, maxBatchBytes = 512 * 1024, flushIntervalMs = 100,
    retryDelayMs = 1000, maxPendingEvents = 10_000, onRefused, onStopped, onDropped, timers = globalThis }) {
    if (!sessionId) throw new Error('EventRelay needs a sessionId.');
    if (typeof publish !== 'function') throw new Error('EventRelay needs a publish function.');
    this.#sessionId = sessionId;
    this.#publish = publish;
    this.#maxBatchSize = Math.max(1, maxBatchSize);
    this.#maxBatchBytes = Math.max(1, maxBatchBytes);
    this.#flushIntervalMs = flushIntervalMs;
    this.#retryDelayMs = retryDelayMs;
    this.#maxPendingEvents = Math.max(this.#maxBatchSize, maxPendingEvents);
    this.#onRefused = onRefused ?? (() => {});
    this.#onStopped = onStopped ?? (() => {});
    this.#onDropped = onDropped ?? (() => {});
    this.#timers = timers;
  }

  /** Events added and not yet acknowledged or refused. */
  get pending() { return this.#pending; }

  /** The session's last seq from the latest acknowledgement. */
  get lastSeq() { return this.#lastSeq; }

  /** Events dropped to keep within maxPendingEvents. */
  get dropped() { return this.#dropped; }

  /** Events the hub acknowledged (new or duplicates). */
  get published() { return this.#published; }

  /** The refusal that stopped publishing, or null while it goes on. */
  get stoppedBy() { return this.#stoppedBy; }

  /** Takes one server event exactly as received (parsed). Ignored once publishing stopped. */
  add(event) {
    if (this.#stoppedBy) return;
    const bytes = JSON.stringify(event).length;
    const full = this.#open.length > 0 && this.#openBytes + bytes > this.#maxBatchBytes;
    if (full) this.#seal();
    this.#open.push(event);
    this.#openBytes += bytes;
    this.#pending++;
    this.#keepWithinCap();
    if (this.#open.length >= this.#maxBatchSize || this.#openBytes >= this.#maxBatchBytes || FINAL_TYPES.has(event?.type)) {
      this.#seal();
      this.#pump();
    } else if (full) {
      this.#pump();
    }
    if (this.#open.length > 0 && !this.#flushTimer) {
      this.#flushTimer = this.#timers.setTimeout(() => {
        this.#flushTimer = null;
        this.#seal();
        this.#pump();
      }, this.#flushIntervalMs);
    }
  }

  /** The hub connection came back: a batch waiting out a retry pause goes again now. */
  wake() {
    if (this.#sending) {
      this.#wokenWhileSending = true;
      return;
    }
    this.#cancelRetry();
    this.#pump();
  }

  /** Sends what was added; resolves once every batch is acknowledged or refused, or publishing stopped. */
  flush() {
    this.#seal();
    if (this.#sealed.length === 0) return Promise.resolve();
    const drained = new Promise(resolve => this.#drainWaiters.push(resolve));
    this.wake();
    return drained;
  }

  /** Stops for good without sending what waits (flush() first to send it). */
  close() {
    this.#stop({ code: 'closed', message: 'The relay was closed.' });
  }

  #seal() {
    if (this.#flushTimer) {
      this.#timers.clearTimeout(this.#flushTimer);
      this.#flushTimer = null;
    }
    if (this.#open.length === 0) return;
    this.#sealed.push({ number: ++this.#sealedCount, events: this.#open, bytes: this.#openBytes });
    this.#open = [];
    this.#openBytes = 0;
  }

  #pump() {
    if (this.#sending || this.#retryTimer || this.#stoppedBy) return;
    this.#sending = true;
    this.#wokenWhileSending = false;
    this.#sendPending().finally(() => { this.#sending = false; });
  }

  async #sendPending() {
    while (this.#sealed.length > 0 && !this.#stoppedBy) {
      const batch = this.#sealed[0];
      let answer;
      try {
        answer = await this.#publish(this.#sessionId, batch.events);
      } catch {
        // Not sure it arrived: keep the batch; go again after the pause, or at once if the hub came back meanwhile.
        this.#retryAfter(this.#wokenWhileSending ? 0 : this.#retryDelayMs);
        return;
      }
      if (answer?.refusal?.code === 'rate_limited') {
        this.#retryAfter(answer.refusal.retryAfterMs > 0 ? answer.refusal.retryAfterMs : this.#retryDelayMs);
        return;
      }
      if (answer?.ack) {
        this.#lastSeq = Math.max(this.#lastSeq, answer.ack.lastSeq ?? 0);
        this.#published += batch.events.length;
      } else {
        this.#refused(batch, answer?.refusal ?? { code: 'invalid_events', message: 'The hub answered with neither an ack nor a refusal.' });
      }
      this.#done(batch);
    }
    this.#resolveDrainedWaiters();
  }

  #retryAfter(ms) {
    this.#retryTimer = this.#timers.setTimeout(() => {
      this.#retryTimer = null;
      this.#pump();
    }, ms);
  }

  #cancelRetry() {
    if (!this.#retryTimer) return;
    this.#timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #refused(batch, refusal) {
    this.#onRefused(batch, refusal);
    if (STOPPING_REFUSALS.has(refusal.code)) this.#stop(refusal);
  }

  #stop(refusal) {
    if (this.#stoppedBy) return;
    this.#stoppedBy = refusal;
    this.#seal();
    this.#cancelRetry();
    this.#open = [];
    this.#sealed = [];
    this.#pending = 0;
    this.#onStopped(refusal);
    this.#resolveDrainedWaiters();
  }

  #done(batch) {
    if (this.#sealed[0] !== batch) return; // stopped meanwhile: already forgotten
    this.#sealed.shift();
    this.#pending -= batch.events.length;
  }

  #resolveDrainedWaiters() {
    if (this.#sealed.length > 0 && !this.#stoppedBy) return;
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    waiters.forEach(resolve => resolve());
  }

  // Over the cap, the oldest waiting delta goes first: every delta is followed by a completed/done event that
  // carries the whole text, so losing one costs only an intermediate partial. With no delta left, the oldest
  // waiting event goes. The batch on its way to the hub is never touched.
  #keepWithinCap() {
    while (this.#pending > this.#maxPendingEvents) {
      const dropped = this.#dropOldest(isDelta) ?? this.#dropOldest(() => true);
      if (!dropped) return;
      this.#dropped++;
      this.#pending--;
      this.#onDropped(dropped);
    }
  }

  #dropOldest(matches) {
    const from = this.#sending || this.#retryTimer ? 1 : 0;
    for (let b = from; b < this.#sealed.length; b++) {
      const batch = this.#sealed[b];
      const i = batch.events.findIndex(matches);
      if (i < 0) continue;
      const [event] = batch.events.splice(i, 1);
      if (batch.events.length === 0) this.#sealed.splice(b, 1);
      return event;
    }
    const i = this.#open.findIndex(matches);
    // The event just added stays: dropping it would make the cap a filter on the newest speech.
    if (i < 0 || i === this.#open.length - 1) return null;
    return this.#open.splice(i, 1)[0];
  }
}

function isDelta(event) {
  return typeof event?.type === 'string' && event.type.endsWith('.delta');
}
