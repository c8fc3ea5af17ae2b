/**
 * The documentation pages the app may open in the user's browser: the only URLs the
 * renderer can ask for by name (`app.openLink`), so this list is the allow-list.
 */
export const DOC_LINKS = {
  readme: 'https://github.com/latch-vault/latch#readme',
  security: 'https://github.com/latch-vault/latch/blob/main/docs/security.md',
  cli: 'https://github.com/latch-vault/latch/blob/main/docs/cli.md',
} as const;

export type DocPage = keyof typeof DOC_LINKS;
export const DOC_PAGES = Object.keys(DOC_LINKS) as [DocPage, ...DocPage[]];
