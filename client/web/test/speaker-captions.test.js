// The speaker page's own captions: deltas build a partial, the final settles it, and nothing unsettles it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpeakerCaptions } from '../speaker-captions.js';

test('user and assistant segments fold from deltas to finals, and stay settled', () => {
  const captions = new SpeakerCaptions();
  assert.deepEqual(captions.apply({ type: 'conversation.item.input_audio_transcription.delta', item_id: 'u1', delta: 'Hel' }),
    { segmentId: 'u1:0', itemId: 'u1', role: 'user', kind: 'partial', text: 'Hel' });
  captions.apply({ type: 'conversation.item.input_audio_transcription.delta', item_id: 'u1', content_index: 0, delta: 'lo' });
  captions.apply({ type: 'response.output_audio_transcript.delta', item_id: 'a1', content_index: 0, delta: 'You said' });
  assert.equal(captions.apply({ type: 'conversation.item.input_audio_transcription.completed', item_id: 'u1', content_index: 0, transcript: 'Hello.' }).kind, 'final');
  assert.equal(captions.apply({ type: 'conversation.item.input_audio_transcription.delta', item_id: 'u1', delta: 'x' }), null);
  assert.equal(captions.apply({ type: 'conversation.item.input_audio_transcription.failed', item_id: 'u1', content_index: 0 }), null);
  captions.apply({ type: 'response.output_audio_transcript.done', item_id: 'a1', content_index: 0, transcript: 'You said: Hello.' });
  captions.apply({ type: 'response.output_text.done', item_id: 'a2', content_index: 0, text: 'Text reply.' });
  assert.equal(captions.apply({ type: 'response.created', response: {} }), null);
  assert.deepEqual(captions.segments.map(s => [s.role, s.kind, s.text]), [
    ['user', 'final', 'Hello.'], ['assistant', 'final', 'You said: Hello.'], ['assistant', 'final', 'Text reply.'],
  ]);
});

test('a failed transcription keeps the words that arrived', () => {
  const captions = new SpeakerCaptions();
  captions.apply({ type: 'conversation.item.input_audio_transcription.delta', item_id: 'u2', delta: 'Can you' });
  const failed = captions.apply({ type: 'conversation.item.input_audio_transcription.failed', item_id: 'u2', content_index: 0 });
  assert.deepEqual([failed.kind, failed.text], ['failed', 'Can you']);
});
