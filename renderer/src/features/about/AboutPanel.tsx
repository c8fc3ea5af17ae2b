import { useEffect, useState } from 'react';
import type { AboutInfo } from '../../../../preload/contract';
import { ROUTE_NAMES } from '../../app/route-names';
import { useLatch } from '../../latch-context';
import { Badge } from '../../ui';

/** What main says about itself: version, vault path, platform, keychain. Every value comes over the bridge. */
export function AboutPanel() {
  const latch = useLatch();
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    latch.app.about().then(setAbout, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [latch]);

  return (
    <section className="page" aria-labelledby="about-title">
      <header className="page__header">
        <h1 className="page__title" id="about-title">
          {ROUTE_NAMES.about}
        </h1>
      </header>
      <p className="page__lede">
        A credential vault for developers: keys, tokens, OAuth clients and one-time codes, kept encrypted and put to
        work.
      </p>
      {error ? <p role="alert">{error}</p> : null}
      {about ? (
        <div className="card">
          <dl className="kv" data-testid="about">
            <dt>Version</dt>
            <dd data-testid="about-version">{about.version}</dd>
            <dt>Vault file</dt>
            <dd data-testid="about-vault-path">{about.vaultPath}</dd>
            <dt>Platform</dt>
            <dd data-testid="about-platform">
              {about.platform} · {about.arch}
            </dd>
            <dt>Runtime</dt>
            <dd data-testid="about-runtime">{about.runtime}</dd>
            <dt>Bridge</dt>
            <dd data-testid="about-transport">
              {about.transport === 'electron-ipc' ? 'Electron IPC' : 'Browser host (development and tests)'}
            </dd>
            <dt>OS keychain</dt>
            <dd data-testid="about-keychain" className="kv__prose">
              <Badge tone={about.keychain.reachable ? 'ok' : 'warn'}>
                {about.keychain.reachable ? 'Reachable' : 'Not reachable'}
              </Badge>{' '}
              {about.keychain.backend}: {about.keychain.detail}
            </dd>
          </dl>
        </div>
      ) : error ? null : (
        <p className="page__lede">Loading…</p>
      )}
    </section>
  );
}
