import { describe, expect, it } from 'vitest';
import { jsonProblem } from '../../../renderer/src/features/requests/request-model';

describe('jsonProblem (the body editor)', () => {
  it('is null for valid JSON and for an empty editor', () => {
    for (const t of ['', '  ', '{}', '[1, 2.5e3, -0, "a\\u00e9\\n"]', '{"a":{"b":[true,false,null]}}', ' 42 '])
      expect(jsonProblem(t)).toBeNull();
  });
  it('gives line and column of the first mistake', () => {
    expect(jsonProblem('{\n  "a": 1,\n  "b": }')).toMatchObject({ line: 3, column: 8 });
    expect(jsonProblem('{"a": 1,}')).toMatchObject({ line: 1, column: 9 });
    expect(jsonProblem("{'a': 1}")).toMatchObject({
      line: 1,
      column: 2,
      message: expect.stringContaining('property name'),
    });
    expect(jsonProblem('[1 2]')).toMatchObject({ line: 1, column: 4 });
    expect(jsonProblem('{"a": "x')).toMatchObject({ message: 'unterminated string' });
    expect(jsonProblem('{} x')).toMatchObject({ column: 4 });
    expect(jsonProblem('01')).toMatchObject({ column: 2 });
  });
  it('agrees with JSON.parse on what is valid', () => {
    for (const t of ['[01]', '{"a" 1}', 'tru', '"\t"', '[-]', '1.', '{"a":1}}', '[1,]', '"\\x"']) {
      expect(() => JSON.parse(t)).toThrow();
      expect(jsonProblem(t)).not.toBeNull();
    }
  });
});
