// The speaker's own captions, folded from the call's events in the page itself, so the speaker sees their words
// even while the relay is reconnecting. The same rules as the session grain's folding (docs/design.md §Folding),
// reduced to what one screen needs: a segment per item content part, deltas append, done/completed settle it.

const USER_DELTA = 'conversation.item.input_audio_transcription.delta';
const USER_FINAL = 'conversation.item.input_audio_transcription.completed';
const USER_FAILED = 'conversation.item.input_audio_transcription.failed';
const ASSISTANT_DELTAS = new Set(['response.output_audio_transcript.delta', 'response.audio_transcript.delta',
  'response.output_text.delta', 'response.text.delta']);
const ASSISTANT_FINALS = new Map([['response.output_audio_transcript.done', 'transcript'],
  ['response.audio_transcript.done', 'transcript'], ['response.output_text.done', 'text'], ['response.text.done', 'text']]);

/** @typedef {import('./realtime-speaker.js').SpeakerCaption} SpeakerCaption */

export class SpeakerCaptions {
  /** @type {Map<string, SpeakerCaption>} */
  #segments = new Map();

  /** Every segment so far, in order of first appearance. */
  get segments() { return [...this.#segments.values()]; }

  /** Folds one server event; answers the segment it changed, or null. */
  apply(event) {
    const type = event?.type;
    if (typeof event?.item_id !== 'string') return null;
    if (type === USER_DELTA) return this.#append(event, 'user', event.delta ?? '');
    if (type === USER_FINAL) return this.#settle(event, 'user', 'final', event.transcript);
    if (type === USER_FAILED) return this.#settle(event, 'user', 'failed', null);
    if (ASSISTANT_DELTAS.has(type)) return this.#append(event, 'assistant', event.delta ?? '');
    if (ASSISTANT_FINALS.has(type)) return this.#settle(event, 'assistant', 'final', event[ASSISTANT_FINALS.get(type)]);
    return null;
  }

  #append(event, role, delta) {
    const segment = this.#segment(event, role);
    if (segment.kind !== 'partial') return null; // a settled segment keeps its text
    segment.text += String(delta);
    return { ...segment };
  }

  #settle(event, role, kind, text) {
    const segment = this.#segment(event, role);
    if (kind === 'failed' && segment.kind === 'final') return null;
    segment.kind = kind;
    if (typeof text === 'string') segment.text = text;
    return { ...segment };
  }

  #segment(event, role) {
    const segmentId = `${event.item_id}:${event.content_index ?? 0}`;
    let segment = this.#segments.get(segmentId);
    if (!segment) {
      segment = { segmentId, itemId: event.item_id, role, kind: 'partial', text: '' };
      this.#segments.set(segmentId, segment);
    }
    return segment;
  }
}
