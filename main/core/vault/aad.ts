/**
 * Additional authenticated data, one builder per ciphertext kind. Each starts with a
 * distinct label so a ciphertext of one kind can never be accepted as another.
 */
const enc = new TextEncoder();

export interface SlotBinding {
  format: number;
  vaultId: string;
  kdf: { name: string; iterations: number; salt: string };
  mode: string;
}

/**
 * The security parameters a key slot is bound to. Editing the iteration count, salt,
 * KDF name, mode, format or vault id makes the slot fail to unwrap: the file never opens.
 */
export function slotAad(purpose: 'password' | 'device', b: SlotBinding): Uint8Array {
  // The device slot does not depend on the KDF, so a password change leaves quick unlock working.
  const canonical = JSON.stringify(
    purpose === 'password'
      ? [b.format, b.vaultId, b.kdf.name, b.kdf.iterations, b.kdf.salt, b.mode]
      : [b.format, b.vaultId, b.mode],
  );
  return enc.encode(`latch/v1/slot/${purpose}\0${canonical}`);
}

/** The index is bound to the exact header bytes, so every header byte (revision included) is authenticated. */
export function indexAad(headerBytes: Uint8Array): Uint8Array {
  const label = enc.encode('latch/v1/index\0');
  const out = new Uint8Array(label.length + headerBytes.length);
  out.set(label, 0);
  out.set(headerBytes, label.length);
  return out;
}

/** A record body is bound to its vault, its id and the revision it was written at. */
export function recordAad(vaultId: string, recordId: string, rev: number): Uint8Array {
  return enc.encode(`latch/v1/record\0${vaultId}\0${recordId}\0${rev}`);
}
