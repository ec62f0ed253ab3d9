// Live captions of one session over the api's SignalR hub (/hubs/captions), for the viewer page and,
// later, the speaker page. Contract (docs/design.md §Hub): Watch(sessionId, afterSeq) answers
// { state, lastSeq, updates, refusal } (a refusal is data with a code, never an error to parse), then the hub pushes Caption(update) and SessionState({ sessionId, state }).
// An update's text is the segment's whole text so far, so keeping the latest update per segment is enough.
//
// The one invariant everything here protects: updates are applied in strictly increasing seq order, each at
// most once, with no gap, across reconnects. The hub may push a Caption before the Watch answer arrives, so
// captions are held while a Watch is in flight and replayed after the catch-up, keeping only seq > lastSeq.

const HUB_CONNECTED = 'Connected';
const HUB_DISCONNECTED = 'Disconnected';

// SignalR's own reconnects: quick at first (a blip), then sparser. After the last one the connection closes
// and the retry loop below takes over, so a viewer left open through a long outage still comes back.
const RECONNECT_DELAYS_MS = [0, 1000, 2000, 5000, 10000, 10000, 10000];
const RESTART_DELAYS_MS = [2000, 5000, 10000, 20000, 30000];

// SessionState travels as a name; a number (the enum's value) is accepted in case the hub sends one.
const STATE_NAMES = ['none', 'issued', 'live', 'ended', 'expired'];

export class CaptionsClient {
  #signalR;
  #connection;
  #sessionId;
  #onCaption;
  #onSessionState;
  #onStatus;
  #segments = new Map();
  #lastSeq = 0;
  #sessionState = null;
  // Captions that arrived while not caught up (no Watch answered yet on this connection); null when live.
  #held = [];
  #watchRun = 0;
  #pumping = false;
  #pumpAgain = false;
  #stopped = false;
  #wakeUp = null;
  #status = 'idle';

  /**
   * @param {object} options
   * @param {string} options.sessionId the session to watch (ses_…)
   * @param {() => string | Promise<string>} options.accessTokenFactory the viewer's JWT (sent as access_token)
   * @param {string} [options.hubUrl] defaults to /hubs/captions on the page's origin
   * @param {(segment: object, previous: object | undefined) => void} [options.onCaption] a segment changed
   * @param {(state: string) => void} [options.onSessionState] issued, live, ended, expired
   * @param {(status: string, detail?: string) => void} [options.onStatus] connecting, connected, reconnecting,
   *   retrying, unauthorized (the token or, for a not_visible refusal, the link), refused (another refusal), stopped
   * @param {object} [options.signalR] the @microsoft/signalr namespace (the browser bundle's global by default)
   */
  constructor({ sessionId, accessTokenFactory, hubUrl = '/hubs/captions', onCaption, onSessionState, onStatus,
    signalR = globalThis.signalR }) {
    if (!signalR) throw new Error('The SignalR client script (signalr.min.js) is not loaded.');
    this.#signalR = signalR;
    this.#sessionId = sessionId;
    this.#onCaption = onCaption ?? (() => {});
    this.#onSessionState = onSessionState ?? (() => {});
    this.#onStatus = onStatus ?? (() => {});
    this.#connection = new signalR.HubConnectionBuilder()
      .withUrl(hubUrl, { accessTokenFactory })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => RECONNECT_DELAYS_MS[ctx.previousRetryCount] ?? null })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.#connection.on('Caption', update => this.#receive(update));
    this.#connection.on('SessionState', message => {
      if (message?.sessionId === this.#sessionId) this.#setSessionState(message.state);
    });
    this.#connection.onreconnecting(() => {
      // A new connection is in no hub group until it calls Watch again; hold until that answer.
      this.#held = [];
      this.#setStatus('reconnecting');
    });
    this.#connection.onreconnected(() => this.#pump());
    this.#connection.onclose(() => {
      if (!this.#stopped) this.#pump();
    });
  }

  /** The latest update of every segment, by segmentId, in order of first appearance. */
  get segments() { return this.#segments; }

  /** The seq of the last update applied: what a reconnect passes to Watch as afterSeq. */
  get lastSeq() { return this.#lastSeq; }

  get sessionState() { return this.#sessionState; }

  get status() { return this.#status; }

  /** Connects and watches; resolves once the first attempt is settled (the client keeps retrying after). */
  start() {
    this.#stopped = false;
    return this.#pump();
  }

  async stop() {
    this.#stopped = true;
    this.#wakeUp?.();
    await this.#connection.stop();
    this.#setStatus('stopped');
  }

  // Brings the connection to "connected and caught up". Several triggers (start, reconnected, closed) may
  // fire close together; one loop runs at a time and goes round again if it was triggered meanwhile.
  #pump() {
    if (this.#pumping) {
      this.#pumpAgain = true;
      this.#wakeUp?.(); // a loop waiting out a back-off goes round now
      return Promise.resolve();
    }
    this.#pumping = true;
    return this.#runPump();
  }

  async #runPump() {
    try {
      let failures = 0;
      while (!this.#stopped) {
        this.#pumpAgain = false;
        const state = this.#connection.state;
        // SignalR is reconnecting on its own: onreconnected or onclose will call back here.
        if (state !== HUB_CONNECTED && state !== HUB_DISCONNECTED) return;
        try {
          if (state === HUB_DISCONNECTED) {
            this.#setStatus(failures === 0 ? 'connecting' : 'retrying');
            this.#held = [];
            await this.#connection.start();
          }
          const refusal = await this.#watch();
          if (refusal) {
            await this.#refused(refusal);
            return;
          }
          this.#setStatus('connected');
          if (!this.#pumpAgain) return;
        } catch (error) {
          if (this.#stopped) return;
          if (isUnauthorized(error)) {
            // An expired or revoked token stays refused: retrying would only hammer the server.
            this.#setStatus('unauthorized', 'This link is not valid (it may have expired); ask for a new one.');
            await this.#connection.stop().catch(() => {});
            return;
          }
          if (this.#connection.state !== HUB_CONNECTED && this.#connection.state !== HUB_DISCONNECTED) return;
          const delay = withJitter(RESTART_DELAYS_MS[Math.min(failures, RESTART_DELAYS_MS.length - 1)]);
          failures++;
          this.#setStatus('retrying', `${messageOf(error)} Retrying in ${Math.round(delay / 1000)} s.`);
          await this.#sleep(delay);
        }
      }
    } finally {
      // Cleared in the same turn as the loop's last look at #pumpAgain, so no trigger can fall in between.
      this.#pumping = false;
    }
  }

  // Watches from lastSeq; answers the hub's refusal ({ code, message }) if it refused, else nothing.
  async #watch() {
    const run = ++this.#watchRun;
    // Anything held before this Watch is covered by its answer (every update after lastSeq) or by a later push.
    this.#held = [];
    const answer = await this.#connection.invoke('Watch', this.#sessionId, this.#lastSeq);
    if (run !== this.#watchRun) return null; // a newer Watch (after a reconnect) supersedes this answer
    if (answer?.refusal) return answer.refusal;
    if (answer?.state !== undefined) this.#setSessionState(answer.state);
    for (const update of answer?.updates ?? []) this.#apply(update);
    // The answer covers everything up to its lastSeq, partials coalesced into each segment's latest update.
    if (Number.isFinite(answer?.lastSeq) && answer.lastSeq > this.#lastSeq) this.#lastSeq = answer.lastSeq;
    const held = this.#held ?? [];
    this.#held = null;
    held.sort((a, b) => a.seq - b.seq).forEach(update => this.#apply(update));
    return null;
  }

  // A refused Watch stays refused (asking again the same way cannot help): say why and stop for good, so the
  // close that follows does not start the retry loop again.
  async #refused(refusal) {
    this.#stopped = true;
    switch (refusal.code) {
      case 'not_visible':
        this.#setStatus('unauthorized', `${refusal.message} The link may be for another session or revoked; ask for a new one.`);
        break;
      default:
        this.#setStatus('refused', refusal.message);
        break;
    }
    await this.#connection.stop().catch(() => {});
  }

  #receive(update) {
    if (this.#held) this.#held.push(update);
    else this.#apply(update);
  }

  #apply(update) {
    if (!update || update.sessionId !== this.#sessionId || !(update.seq > this.#lastSeq)) return;
    this.#lastSeq = update.seq;
    const previous = this.#segments.get(update.segmentId);
    // A settled segment (final or failed) never turns back into a partial.
    if (previous && previous.kind !== 'partial' && update.kind === 'partial') return;
    this.#segments.set(update.segmentId, update);
    this.#onCaption(update, previous);
  }

  #setSessionState(state) {
    const name = typeof state === 'number' ? (STATE_NAMES[state] ?? String(state)) : String(state).toLowerCase();
    if (name === this.#sessionState) return;
    this.#sessionState = name;
    this.#onSessionState(name);
  }

  #setStatus(status, detail) {
    this.#status = status;
    this.#onStatus(status, detail);
  }

  // A sleep that stop() can cut short, so stopping never waits out a back-off.
  #sleep(ms) {
    return new Promise(resolve => {
      const timer = setTimeout(done, ms);
      function done() { clearTimeout(timer); resolve(); }
      this.#wakeUp = done;
    });
  }
}

// The token itself was turned away at the HTTP layer (expired, bad signature), before any hub method ran.
function isUnauthorized(error) {
  if (error?.statusCode === 401 || error?.statusCode === 403) return true;
  // Negotiation failures wrap the HttpError into a message and drop its statusCode: "...: Status code '401'".
  return /Status code '(401|403)'/.test(String(error?.message ?? error));
}

function messageOf(error) {
  const text = String(error?.message ?? error ?? 'Connection failed.');
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

// Spread the retries of many viewers after an api node restarts, so they do not all come back at once.
function withJitter(ms) {
  return ms + Math.floor(Math.random() * ms * 0.2);
}
