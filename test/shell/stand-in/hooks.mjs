// Module hook for the shell harness (test/shell): `import ... from 'electron'`, in the built
// main process and in the packages it loads (electron-store), resolves to the stand-in
// module instead of the electron package (whose index.js would try to download Electron).
const STAND_IN = new URL('./electron-module.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: STAND_IN, shortCircuit: true };
  return next(specifier, context);
}
