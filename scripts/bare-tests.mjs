// The `bare` step of `npm test` (scripts/bare-machine.mjs: no D-Bus session, no DISPLAY) runs these:
// the tests that reach the OS keychain or the clipboard, and the browser-host channel tests. The rule
// "every command and every channel that touches the keychain or the clipboard is in it" is checked by
// test/unit/ci/bare-selection.test.ts, which derives those commands and channels from the code.
export const BARE_TESTS = [
  'test/integration/cli/cli-keychain.test.ts',
  'test/integration/cli/completion.test.ts',
  'test/integration/clipboard/cli-copy.test.ts',
  'test/integration/host/bare-machine.test.ts',
  'test/integration/host/host.test.ts',
  'test/integration/host/hostile-renderer.test.ts',
];
