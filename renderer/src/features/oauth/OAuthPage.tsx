import { useState } from 'react';
import { ROUTE_NAMES } from '../../app/route-names';
import { JwtTools } from './JwtTools';
import { TokensView } from './TokensView';
import './oauth.css';

/** OAuth clients and their tokens, and the JWT tools beside them. */
export function OAuthPage() {
  const [tab, setTab] = useState<'tokens' | 'jwt'>('tokens');
  return (
    <div className="page oauth-page">
      <header className="page__header">
        <h1 className="page__title">{ROUTE_NAMES.oauth}</h1>
        <span className="spacer" />
        <div className="tabs" role="tablist" aria-label="OAuth or JWT">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'tokens'}
            className={`tabs__tab${tab === 'tokens' ? ' tabs__tab--current' : ''}`}
            onClick={() => setTab('tokens')}
          >
            OAuth tokens
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'jwt'}
            className={`tabs__tab${tab === 'jwt' ? ' tabs__tab--current' : ''}`}
            onClick={() => setTab('jwt')}
          >
            JWT tools
          </button>
        </div>
      </header>
      {tab === 'tokens' ? <TokensView /> : <JwtTools />}
    </div>
  );
}
