// The speaker's side in a browser: the microphone goes to OpenAI (or the emulator) over WebRTC, the assistant's
// audio plays in an <audio> element, and every server event of the call's `oai-events` channel is relayed to the
// session's hub (docs/design.md §Browser speaker), from which every viewer gets the captions.
//
// Embed in any tenant's page (the api's CORS must list the page's origin):
//   <script src="https://captions.example.com/viewer/signalr.min.js"></script>
//   <script type="module">import { RealtimeSpeaker } from 'https://captions.example.com/viewer/realtime-speaker.js';</script>
import { EventRelay } from './event-relay.js';
import { SpeakerCaptions } from './speaker-captions.js';

const HUB_PATH = '/hubs/captions';
// The relay's hub connection never gives up while the call lasts (as the .NET transport's ForeverRetryPolicy).
const HUB_RECONNECT_DELAYS_MS = [0, 250, 1000];
const HUB_RECONNECT_EVERY_MS = 2000;
const CHANNEL_OPEN_TIMEOUT_MS = 20_000;
const STOP_FLUSH_TIMEOUT_MS = 10_000;

/**
 * What the speaker is doing, for a person: `idle`, `microphone` (asking for it), `microphone-denied`,
 * `microphone-absent`, `connecting`, `live`, `reconnecting` (the call is up, the relay's hub connection is not),
 * `rate-limited` (detail.retryAfterSeconds), `failed`, `ending`, `ended`.
 * @typedef {'idle'|'microphone'|'microphone-denied'|'microphone-absent'|'connecting'|'live'|'reconnecting'|'rate-limited'|'failed'|'ending'|'ended'} SpeakerStatus
 * @typedef {{ message: string, retryAfterSeconds?: number }} StatusDetail
 * @typedef {{ segmentId: string, itemId: string, role: 'user'|'assistant', kind: 'partial'|'final'|'failed', text: string }} SpeakerCaption
 * @typedef {{ type?: 'realtime'|'transcription', model?: string, instructions?: string, ttl_seconds?: number, session?: object }} SessionRequest
 *   the body of POST /api/realtime-token (docs/design.md §POST /api/realtime-token)
 */

/** A start() that could not go on; `status` is the state it left the speaker in. */
export class SpeakerError extends Error {
  /** @param {SpeakerStatus} status @param {StatusDetail} detail */
  constructor(status, detail) {
    super(detail.message);
    this.name = 'SpeakerError';
    this.status = status;
    this.detail = detail;
  }
}

export class RealtimeSpeaker {
  #apiBase;
  #accessToken;
  #request;
  #audioElement;
  #deviceId;
  #useSecret;
  #onCaption;
  #onEvent;
  #onStatus;
  #signalR;
  #status = 'idle';
  #stream = null;
  #pc = null;
  #channel = null;
  #hub = null;
  #relay = null;
  #captions = new SpeakerCaptions();
  #sessionId = null;
  #callId = null;
  #hangUpUrl = null;
  #secret = null;
  #muted = false;
  #stopping = false;

  /**
   * @param {object} options
   * @param {string} [options.apiBase] the api's origin, '' (default) for the page's own
   * @param {string | (() => string | Promise<string>)} options.accessToken the app's user JWT, or a function answering it
   * @param {SessionRequest} [options.session] what to ask the token route for
   * @param {HTMLAudioElement} [options.audioElement] where the assistant's audio plays
   * @param {string} [options.deviceId] the microphone to use (from enumerateDevices); the default one otherwise
   * @param {boolean} [options.useSecret] post the offer to OpenAI's calls_url with the ephemeral secret, as the seed
   *   does, instead of through the api's POST /api/sessions/{id}/calls (no secret in the page; the default)
   * @param {(caption: SpeakerCaption) => void} [options.onCaption] the speaker's own captions as they change
   * @param {(event: object) => void} [options.onEvent] every server event, as received
   * @param {(status: SpeakerStatus, detail?: StatusDetail) => void} [options.onStatus]
   * @param {object} [options.signalR] the @microsoft/signalr namespace (the browser bundle's global by default)
   */
  constructor({ apiBase = '', accessToken, session = {}, audioElement, deviceId, useSecret = false, onCaption, onEvent,
    onStatus, signalR = globalThis.signalR } = {}) {
    if (!accessToken) throw new Error('RealtimeSpeaker needs the user\'s accessToken.');
    if (!signalR) throw new Error('The SignalR client script (signalr.min.js) is not loaded.');
    this.#apiBase = apiBase.replace(/\/+$/, '');
    this.#accessToken = typeof accessToken === 'function' ? accessToken : () => accessToken;
    this.#request = session;
    this.#audioElement = audioElement;
    this.#deviceId = deviceId;
    this.#useSecret = useSecret;
    this.#onCaption = onCaption ?? (() => {});
    this.#onEvent = onEvent ?? (() => {});
    this.#onStatus = onStatus ?? (() => {});
    this.#signalR = signalR;
  }

  /** @returns {SpeakerStatus} */
  get status() { return this.#status; }

  /** The session (ses_…) once start() minted it. */
  get sessionId() { return this.#sessionId; }

  /** The call (rtc_…) once connected. */
  get callId() { return this.#callId; }

  /** The microphone's stream while the speaker runs (for a level meter). */
  get stream() { return this.#stream; }

  get muted() { return this.#muted; }

  /**
   * Asks for the microphone, mints the session, connects the call and the relay. Rejects with a
   * {@link SpeakerError} (its status says why) when it cannot go on; nothing is minted without a microphone.
   */
  async start() {
    if (this.#status !== 'idle') throw new Error(`This speaker already started (${this.#status}); start again with a new RealtimeSpeaker.`);
    try {
      this.#stream = await this.#microphone();
      this.#setStatus('connecting');
      const minted = await this.#mint();
      this.#sessionId = minted.session_id;
      this.#startRelay();
      await this.#connect(minted);
      if (!this.#stopping) this.#setStatus(this.#hub.state === 'Connected' ? 'live' : 'reconnecting');
    } catch (error) {
      if (this.#stopping) return; // stop() came first and is ending everything
      const failure = error instanceof SpeakerError ? error : new SpeakerError('failed', { message: messageOf(error) });
      // A session minted for a call that never came up is ended, so it does not hold one of the user's slots.
      if (this.#sessionId) await this.#endSession();
      await this.#release();
      this.#setStatus(failure.status, failure.detail);
      throw failure;
    }
  }

  /** Hangs up, stops the microphone, sends what the relay holds, ends the session; resolves when all is done. */
  async stop() {
    if (this.#stopping || this.#status === 'ended') return;
    this.#setStatus('ending');
    await this.#finish();
    this.#setStatus('ended');
  }

  /** Mutes or unmutes the microphone (the track stays, sending silence). */
  mute(muted = true) {
    this.#muted = Boolean(muted);
    this.#stream?.getAudioTracks().forEach(track => { track.enabled = !this.#muted; });
  }

  /** Sends one client event over `oai-events` (session.update, response.create…). */
  send(clientEvent) {
    if (this.#channel?.readyState !== 'open') throw new Error('The call is not connected.');
    this.#channel.send(JSON.stringify(clientEvent));
  }

  /** Mints a viewer token for this session: { token, expires_at, watch_url }. */
  async share() {
    if (!this.#sessionId) throw new Error('There is no session to share yet.');
    const response = await this.#api(`/api/sessions/${encodeURIComponent(this.#sessionId)}/viewer-token`, { method: 'POST' });
    if (!response.ok) throw new Error(await problemMessage(response));
    return response.json();
  }

  /** Where things stand: the call, the microphone, and the relay's queue. */
  async stats() {
    const audio = { packetsSent: 0, packetsReceived: 0 };
    for (const report of (await this.#pc?.getStats())?.values() ?? []) {
      if (report.kind !== 'audio') continue;
      if (report.type === 'outbound-rtp') audio.packetsSent += report.packetsSent ?? 0;
      if (report.type === 'inbound-rtp') audio.packetsReceived += report.packetsReceived ?? 0;
    }
    return {
      status: this.#status, sessionId: this.#sessionId, callId: this.#callId, muted: this.#muted,
      connection: this.#pc?.connectionState ?? 'closed', audio,
      relay: {
        hub: this.#hub?.state ?? 'Disconnected', pending: this.#relay?.pending ?? 0, published: this.#relay?.published ?? 0,
        dropped: this.#relay?.dropped ?? 0, lastSeq: this.#relay?.lastSeq ?? 0, stoppedBy: this.#relay?.stoppedBy?.code ?? null,
      },
    };
  }

  async #microphone() {
    this.#setStatus('microphone');
    if (!navigator.mediaDevices?.getUserMedia)
      throw new SpeakerError('microphone-absent', { message: 'This browser cannot use a microphone here (it needs HTTPS or localhost).' });
    try {
      return await navigator.mediaDevices.getUserMedia({
        audio: this.#deviceId ? { deviceId: { exact: this.#deviceId } } : true,
      });
    } catch (error) {
      if (error?.name === 'NotAllowedError' || error?.name === 'SecurityError')
        throw new SpeakerError('microphone-denied', { message: 'The microphone is blocked. Allow it for this site in the browser, then start again.' });
      if (error?.name === 'NotFoundError' || error?.name === 'OverconstrainedError')
        throw new SpeakerError('microphone-absent', { message: 'No microphone was found. Plug one in, or pick another, then start again.' });
      throw new SpeakerError('microphone-absent', { message: `The microphone could not be opened: ${messageOf(error)}` });
    }
  }

  async #mint() {
    const response = await this.#api('/api/realtime-token', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(this.#request),
    });
    if (response.status === 429) {
      const retryAfterSeconds = retryAfterOf(response);
      throw new SpeakerError('rate-limited', {
        message: `${await problemMessage(response)} You can start again in ${formatSeconds(retryAfterSeconds)}.`, retryAfterSeconds,
      });
    }
    if (!response.ok) throw new SpeakerError('failed', { message: await problemMessage(response) });
    const minted = await response.json();
    // The secret stays only when the offer goes to OpenAI with it; otherwise the page forgets it at once.
    if (this.#useSecret) this.#secret = minted.client_secret;
    return { session_id: minted.session_id, calls_url: minted.calls_url };
  }

  #startRelay() {
    const delays = ctx => HUB_RECONNECT_DELAYS_MS[ctx.previousRetryCount] ?? HUB_RECONNECT_EVERY_MS;
    this.#hub = new this.#signalR.HubConnectionBuilder()
      .withUrl(this.#apiBase + HUB_PATH, { accessTokenFactory: this.#accessToken })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: delays })
      .configureLogging(this.#signalR.LogLevel.Warning)
      .build();
    this.#relay = new EventRelay({
      sessionId: this.#sessionId,
      publish: (sessionId, events) => this.#hub.invoke('Publish', sessionId, events),
      onStopped: refusal => {
        if (refusal.code !== 'closed' && !this.#stopping) console.warn(`Captions relay stopped: ${refusal.message}`);
      },
    });
    this.#hub.onreconnecting(() => { if (this.#status === 'live') this.#setStatus('reconnecting'); });
    this.#hub.onreconnected(() => {
      this.#relay.wake();
      if (this.#status === 'reconnecting') this.#setStatus('live');
    });
    this.#hub.onclose(() => this.#restartHub());
    this.#restartHub();
  }

  // The first connect, and any connection SignalR gave up on: try again every few seconds while the call lasts.
  async #restartHub() {
    while (!this.#stopping && this.#hub.state === 'Disconnected') {
      try {
        await this.#hub.start();
        this.#relay.wake();
        if (this.#status === 'reconnecting') this.#setStatus('live');
        return;
      } catch {
        if (this.#status === 'live') this.#setStatus('reconnecting');
        await new Promise(resolve => setTimeout(resolve, HUB_RECONNECT_EVERY_MS));
      }
    }
  }

  async #connect(minted) {
    const pc = new RTCPeerConnection();
    this.#pc = pc;
    this.#stream.getTracks().forEach(track => pc.addTrack(track, this.#stream));
    this.mute(this.#muted);
    pc.ontrack = event => {
      if (this.#audioElement) this.#audioElement.srcObject = event.streams[0] ?? new MediaStream([event.track]);
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed' && !this.#stopping)
        this.#fail('The call was lost (the connection to the voice service failed).');
    };
    const channel = pc.createDataChannel('oai-events', { ordered: true });
    this.#channel = channel;
    channel.onmessage = message => this.#receive(message.data);
    const opened = new Promise((resolve, reject) => {
      channel.onopen = resolve;
      setTimeout(() => reject(new Error('The call did not open its event channel in time.')), CHANNEL_OPEN_TIMEOUT_MS);
    });
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const answer = await this.#postOffer(offer.sdp, minted);
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    await opened;
  }

  async #postOffer(sdp, minted) {
    const response = this.#useSecret
      ? await fetch(minted.calls_url, {
        method: 'POST', headers: { Authorization: `Bearer ${this.#secret}`, 'Content-Type': 'application/sdp' }, body: sdp,
      })
      : await this.#api(`/api/sessions/${encodeURIComponent(this.#sessionId)}/calls`, {
        method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: sdp,
      });
    // Never hand an error body to setRemoteDescription.
    if (response.status !== 201) throw new SpeakerError('failed', { message: `The call was refused: ${await problemMessage(response)}` });
    const location = response.headers.get('Location') ?? '';
    this.#callId = location.split('/').at(-1) || null;
    if (this.#useSecret && location) this.#hangUpUrl = new URL(`${location}/hangup`, minted.calls_url).toString();
    return response.text();
  }

  #receive(data) {
    let event;
    try {
      event = JSON.parse(data);
    } catch {
      return; // not an OpenAI event: nothing to show or relay
    }
    this.#onEvent(event);
    this.#relay?.add(event);
    const caption = this.#captions.apply(event);
    if (caption) this.#onCaption(caption);
  }

  #fail(message) {
    if (this.#stopping) return;
    this.#setStatus('failed', { message });
    this.#finish().catch(() => {});
  }

  // Hang up, stop the microphone, send what the relay holds (bounded in time), end the session, let go of it all.
  async #finish() {
    this.#stopping = true;
    await this.#hangUp();
    this.#stopTracks();
    if (this.#relay) await withTimeout(this.#relay.flush(), STOP_FLUSH_TIMEOUT_MS);
    if (this.#sessionId) await this.#endSession();
    await this.#release();
  }

  async #hangUp() {
    // With a secret the page may end the call at OpenAI itself; closing the peer connection ends it in any case.
    if (this.#hangUpUrl && this.#secret) {
      await fetch(this.#hangUpUrl, { method: 'POST', headers: { Authorization: `Bearer ${this.#secret}` } }).catch(() => {});
    }
    this.#channel?.close();
    this.#pc?.close();
  }

  async #endSession() {
    const response = await this.#api(`/api/sessions/${encodeURIComponent(this.#sessionId)}/end`, { method: 'POST' }).catch(() => null);
    if (response && !response.ok) console.warn(`Ending the session: ${await problemMessage(response)}`);
  }

  #stopTracks() {
    this.#stream?.getTracks().forEach(track => track.stop());
  }

  async #release() {
    this.#stopping = true;
    this.#stopTracks();
    this.#channel?.close();
    this.#pc?.close();
    this.#relay?.close();
    await this.#hub?.stop().catch(() => {});
    this.#secret = null;
  }

  async #api(path, init) {
    const token = await this.#accessToken();
    return fetch(this.#apiBase + path, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } });
  }

  #setStatus(status, detail) {
    this.#status = status;
    this.#onStatus(status, detail);
  }
}

// The problem+json detail (docs/design.md §Errors), else the status line.
async function problemMessage(response) {
  try {
    const problem = await response.json();
    if (problem?.detail) return problem.detail;
    if (problem?.title) return problem.title;
  } catch { /* not JSON */ }
  return `The server answered ${response.status} ${response.statusText}.`.replace(' .', '.');
}

function retryAfterOf(response) {
  const header = response.headers.get('Retry-After');
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header ?? '');
  return Number.isFinite(date) ? Math.max(1, Math.ceil((date - Date.now()) / 1000)) : 60;
}

function formatSeconds(seconds) {
  if (seconds < 90) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}

function messageOf(error) {
  return String(error?.message ?? error ?? 'Something went wrong.');
}

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise(resolve => setTimeout(resolve, ms))]);
}
