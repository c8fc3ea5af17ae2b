/** What a command's output prints: its data as JSON with --json, else its text, each ending in one newline. */
export function outputText(json: boolean, data: unknown, text: string): string {
  return json ? `${JSON.stringify(data, null, 2)}\n` : text.endsWith('\n') ? text : `${text}\n`;
}
