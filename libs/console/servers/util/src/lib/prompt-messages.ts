import { contentPart, type ToolResultPart } from './tool-result';

/** One message of a prompt, ready to show: who says it and what. */
export interface PromptMessageView {
  role: string;
  parts: ToolResultPart[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The messages of a prompt result (`messages[]`, each a role and one content block; a list of
 * blocks is accepted too). Text shows as text, images as images, any other block as JSON.
 */
export function promptMessagesView(result: unknown): PromptMessageView[] {
  const messages = isRecord(result) && Array.isArray(result['messages']) ? result['messages'] : [];
  return messages.map((message: unknown) => {
    const item = isRecord(message) ? message : {};
    const role = typeof item['role'] === 'string' ? item['role'] : 'unknown';
    const content = item['content'];
    return { role, parts: (Array.isArray(content) ? content : [content]).map(contentPart) };
  });
}
