import { TextField } from '../../ui';

export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface OtpParams {
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
}

/** Algorithm, digits and period: the same three choices when adding a code and in the MFA lab. */
export function OtpParamsFields({ value, onChange }: { value: OtpParams; onChange: (next: OtpParams) => void }) {
  return (
    <>
      <label className="field">
        <span className="field__label">Algorithm</span>
        <select
          className="select"
          value={value.algorithm}
          onChange={(e) => onChange({ ...value, algorithm: e.currentTarget.value as OtpAlgorithm })}
        >
          <option value="SHA1">SHA-1</option>
          <option value="SHA256">SHA-256</option>
          <option value="SHA512">SHA-512</option>
        </select>
      </label>
      <label className="field">
        <span className="field__label">Digits</span>
        <select
          className="select"
          value={value.digits}
          onChange={(e) => onChange({ ...value, digits: Number(e.currentTarget.value) })}
        >
          <option value={6}>6</option>
          <option value={7}>7</option>
          <option value={8}>8</option>
        </select>
      </label>
      <TextField
        label="Period (s)"
        type="number"
        min={1}
        max={3600}
        value={value.period}
        onChange={(e) => onChange({ ...value, period: Number(e.currentTarget.value) || 30 })}
      />
    </>
  );
}
