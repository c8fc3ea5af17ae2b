/**
 * Between the credential form's strings and the model's fields. Pure, so the rules
 * (api-key placement, blank secret = unchanged when editing) live in one place.
 */
import {
  type CredentialKind,
  type CredentialView,
  effectiveRecipeText,
  HMAC_PRESETS,
} from '../../../../preload/contract';
import { API_KEY_PLACEMENTS, isSecretType, KIND_FIELDS } from './kinds';

export type FormValues = Record<string, string>;
type FieldValue = string | number | boolean;

export function initialValues(kind: CredentialKind, view?: CredentialView): FormValues {
  const out: FormValues = {};
  for (const spec of KIND_FIELDS[kind]) {
    const current = view?.fields[spec.name];
    if (view && !isSecretType(spec.type)) {
      out[spec.name] =
        current === undefined
          ? spec.type === 'checkbox'
            ? 'false'
            : ''
          : Array.isArray(current)
            ? current.join(', ')
            : String(current);
    } else {
      out[spec.name] = view ? '' : (spec.initial ?? (spec.type === 'checkbox' ? 'false' : ''));
    }
  }
  if (kind === 'hmac') {
    if (out.preset === '') out.preset = out.recipe ? 'custom' : 'timestamp-headers';
    out.recipe = presetRecipe(out.preset ?? '', out.recipe ?? '');
  }
  if (kind === 'api-key' && view) {
    const placement = API_KEY_PLACEMENTS.find((p) => typeof view.fields[p] === 'string') ?? 'header';
    out.placement = placement;
    out.paramName = String(view.fields[placement] ?? '');
  }
  return out;
}

/** The recipe the form shows: the stored text, else the preset's (so the user sees what signs). */
export function presetRecipe(preset: string, recipe: string): string {
  const p = HMAC_PRESETS.find((x) => x === preset);
  return p === undefined ? recipe : effectiveRecipeText({ preset: p, recipe });
}

/** Model fields to send. Adding leaves blanks out; editing sends '' to clear a plain field and omits blank secrets. */
export function toFields(kind: CredentialKind, values: FormValues, editing: boolean): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const spec of KIND_FIELDS[kind]) {
    const raw = values[spec.name] ?? '';
    if (kind === 'api-key' && (spec.name === 'placement' || spec.name === 'paramName')) continue;
    if (spec.type === 'checkbox') {
      out[spec.name] = raw === 'true';
    } else if (raw.trim() === '') {
      if (editing && !isSecretType(spec.type)) out[spec.name] = '';
    } else if (spec.type === 'number') {
      out[spec.name] = Number(raw);
    } else {
      out[spec.name] = raw;
    }
  }
  if (kind === 'api-key') {
    const placement = values.placement ?? 'header';
    for (const p of API_KEY_PLACEMENTS) {
      if (p === placement) out[p] = (values.paramName ?? '').trim();
      else if (editing) out[p] = '';
    }
  }
  return out;
}

/** Cheap checks before anything is sent: required fields, numbers that are numbers. */
export function clientErrors(kind: CredentialKind, values: FormValues, editing: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const spec of KIND_FIELDS[kind]) {
    const raw = (values[spec.name] ?? '').trim();
    if (spec.required && raw === '' && !(editing && isSecretType(spec.type))) {
      errors[spec.name] = `${spec.label} is required.`;
    } else if (spec.type === 'number' && raw !== '' && !Number.isInteger(Number(raw))) {
      errors[spec.name] = `${spec.label} must be a whole number.`;
    }
  }
  return errors;
}

/** Where an error from main about a model field shows in the form. */
export function formFieldFor(kind: CredentialKind, field: string): string {
  if (kind === 'api-key' && (API_KEY_PLACEMENTS as readonly string[]).includes(field)) return 'paramName';
  return field.split('.')[0] ?? field;
}

/** Main's messages start with "field: "; under the field itself that is redundant. */
export function messageWithoutField(message: string, field: string): string {
  const prefix = `${field}: `;
  const text = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
