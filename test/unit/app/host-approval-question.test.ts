import { describe, expect, it } from 'vitest';
import { hostApprovalQuestion } from '../../../main/app/requests/host-approval-question';

describe("requests.approveHost's question", () => {
  it('names the origin it will remember at the end of one line, whatever the names the page wrote', () => {
    const q = hostApprovalQuestion(
      { service: 'GitHub', credential: `token to https://api.github.com?${'\n'.repeat(40)}\u202e` },
      'https://evil.example',
    );
    expect(q.title).toBe('Send GitHub / token to https://api.github.com? to https://evil.example?');
  });

  it('cuts a long name short', () => {
    const q = hostApprovalQuestion({ service: 'S'.repeat(120), credential: 'c' }, 'https://h.example');
    expect(q.title).toBe(`Send ${'S'.repeat(59)}… / c to https://h.example?`);
  });
});
