// A stand-in for the hub's Publish and for the clock, so the relay's rules can be driven step by step.

/** Publish calls wait here until the test answers them; the hub dedupes by event_id as the real one does. */
export class FakeHub {
  /** Every Publish, oldest first: { sessionId, events, resolve, reject }. */
  calls = [];
  /** event_ids the hub has taken, in the order it took them. */
  taken = [];
  #seen = new Set();
  #seq = 0;

  publish = (sessionId, events) => new Promise((resolve, reject) => this.calls.push({ sessionId, events, resolve, reject }));

  get last() { return this.calls.at(-1); }

  /** Answers the latest call with an ack, taking its new events. */
  ack() {
    const call = this.last;
    let accepted = 0;
    let duplicates = 0;
    for (const event of call.events) {
      if (this.#seen.has(event.event_id)) { duplicates++; continue; }
      this.#seen.add(event.event_id);
      this.taken.push(event.event_id);
      accepted++;
      this.#seq++;
    }
    call.resolve({ ack: { accepted, duplicates, lastSeq: this.#seq }, refusal: null });
  }

  /** The hub took the latest call's events but the answer was lost with the connection. */
  takeThenFail() {
    const call = this.last;
    for (const event of call.events) {
      if (!this.#seen.has(event.event_id)) { this.#seen.add(event.event_id); this.taken.push(event.event_id); }
    }
    call.reject(new Error('Invocation canceled due to the underlying connection being closed.'));
  }

  fail() { this.last.reject(new Error('Invocation canceled due to the underlying connection being closed.')); }

  refuse(code, retryAfterMs = null) {
    this.last.resolve({ ack: null, refusal: { code, message: `refused: ${code}`, retryAfterMs } });
  }
}

/** Timers that fire only when the test says time has passed. */
export class FakeClock {
  now = 0;
  #timers = new Map();
  #next = 1;

  setTimeout = (callback, ms) => {
    const id = this.#next++;
    this.#timers.set(id, { at: this.now + ms, callback });
    return id;
  };

  clearTimeout = id => { this.#timers.delete(id); };

  get pendingTimers() { return this.#timers.size; }

  /** Moves the clock on, firing every timer due by then in time order. */
  advance(ms) {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.#timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = until;
  }
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise(resolve => setTimeout(resolve, 0));
