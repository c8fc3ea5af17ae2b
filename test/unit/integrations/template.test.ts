import { describe, expect, it } from 'vitest';
import { MAX_TEMPLATE_BYTES, renderTemplate, templateReferences } from '../../../main/core/integrations/template';
import { LatchError } from '../../../main/core/model/errors';

/** A resolver that records what it was asked and answers from a table. */
function resolver(values: Record<string, string>) {
  const asked: string[] = [];
  return {
    asked,
    resolve: async (reference: string) => {
      asked.push(reference);
      const v = values[reference];
      if (v === undefined) throw new LatchError('ERR_NOT_FOUND', `no ${reference}`);
      return v;
    },
  };
}

describe('inject templates: the references and their rendering', () => {
  it('finds each reference once, in order, with the line it is first on (CRLF files included)', () => {
    const text = 'a: {{latch://A/x}}\r\nb: {{ latch://B/y/field }}\r\nc: {{ latch://A/x }}\n{{latch://C/z}}';
    expect(templateReferences(text)).toEqual([
      { reference: 'latch://A/x', line: 1 },
      { reference: 'latch://B/y/field', line: 2 },
      { reference: 'latch://C/z', line: 4 },
    ]);
  });

  it('leaves what is not a whole reference alone: "{{" without close, other schemes, braces inside, empty', async () => {
    const text = [
      'open: {{ latch://A/x',
      'close: latch://A/x }}',
      'other: {{ op://vault/item }}',
      'empty: {{ latch:// }}',
      'inner: {{ latch://A/{x} }}',
      'spaced: {{ latch://A x }}',
      'go: {{ .Values.x }}',
    ].join('\n');
    expect(templateReferences(text)).toEqual([]);
    const r = resolver({});
    expect(await renderTemplate(text, r.resolve)).toBe(text);
    expect(r.asked).toEqual([]);
  });

  it('a value is put in as is: "$&" and "$1" are not replacement patterns, a "{{ latch:// }}" in it is not resolved', async () => {
    const r = resolver({ 'latch://A/x': '$&$1$$ {{ latch://B/secret }}', 'latch://B/secret': 'must not appear' });
    expect(await renderTemplate('v: {{ latch://A/x }}\n', r.resolve)).toBe('v: $&$1$$ {{ latch://B/secret }}\n');
    expect(r.asked).toEqual(['latch://A/x']);
  });

  it('a reference inside a reference is not a reference; its outer braces stay', async () => {
    const r = resolver({ 'latch://B/y': 'Y' });
    expect(await renderTemplate('{{ {{ latch://B/y }} }}', r.resolve)).toBe('{{ Y }}');
  });

  it('resolves each reference once however often it appears, and fails whole when one does not resolve', async () => {
    const r = resolver({ 'latch://A/x': 'X' });
    expect(await renderTemplate('{{latch://A/x}}{{ latch://A/x }}', r.resolve)).toBe('XX');
    expect(r.asked).toEqual(['latch://A/x']);
    await expect(renderTemplate('{{latch://A/x}} {{latch://Gone/y}}', r.resolve)).rejects.toMatchObject({
      code: 'ERR_NOT_FOUND',
    });
  });

  it('refuses a template over the size limit before resolving anything', async () => {
    const r = resolver({ 'latch://A/x': 'X' });
    const big = `{{ latch://A/x }}${'a'.repeat(MAX_TEMPLATE_BYTES)}`;
    await expect(renderTemplate(big, r.resolve)).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
    expect(r.asked).toEqual([]);
  });

  it('finds the lines of many references in a large template in linear time', () => {
    // 50 000 distinct references over 1 MB: counting lines from the start for each one would take minutes.
    const text = Array.from({ length: 50_000 }, (_, i) => `k${i}: {{ latch://S/c${i} }}`).join('\n');
    const started = performance.now();
    const refs = templateReferences(text);
    expect(refs).toHaveLength(50_000);
    expect(refs.at(-1)).toEqual({ reference: 'latch://S/c49999', line: 50_000 });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('finds the references of a large template on one line in linear time', () => {
    // 400 000 references on one 7 MB line: looking for the next line break again after each one took minutes.
    const text = `${'{{ latch://S/c }} '.repeat(400_000)}\nlast: {{ latch://S/d }}`;
    const started = performance.now();
    expect(templateReferences(text)).toEqual([
      { reference: 'latch://S/c', line: 1 },
      { reference: 'latch://S/d', line: 2 },
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
