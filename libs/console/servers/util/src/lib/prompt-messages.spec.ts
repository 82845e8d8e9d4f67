import { promptMessagesView } from './prompt-messages';

describe('promptMessagesView', () => {
  it('shows text blocks as text, by role', () => {
    const view = promptMessagesView({
      messages: [
        { role: 'user', content: { type: 'text', text: "What's weather in Paris?" } },
        { role: 'assistant', content: { type: 'text', text: 'Sunny.' } },
      ],
    });
    expect(view).toEqual([
      { role: 'user', parts: [{ kind: 'text', text: "What's weather in Paris?" }] },
      { role: 'assistant', parts: [{ kind: 'text', text: 'Sunny.' }] },
    ]);
  });

  it('shows other blocks as JSON', () => {
    const resource = { type: 'resource', resource: { uri: 'demo://r/1', text: 'x' } };
    const [message] = promptMessagesView({ messages: [{ role: 'user', content: resource }] });
    expect(message.parts).toEqual([{ kind: 'json', text: JSON.stringify(resource, null, 2) }]);
  });

  it('accepts a list of blocks and tolerates odd shapes', () => {
    expect(
      promptMessagesView({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'a' },
              { type: 'text', text: 'b' },
            ],
          },
        ],
      })[0].parts,
    ).toHaveLength(2);
    expect(promptMessagesView({ messages: [{ content: { type: 'text', text: 'a' } }] })[0].role).toBe('unknown');
    expect(promptMessagesView(null)).toEqual([]);
  });
});
