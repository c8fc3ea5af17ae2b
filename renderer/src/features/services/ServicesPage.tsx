import { useEffect, useRef, useState } from 'react';
import type { ServiceSummary } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { EmptyState, Icon, useToast } from '../../ui';
import { errorOf } from './bridge-error';
import { takeRequestedService } from './open-service';
import { ServiceFormDialog } from './ServiceFormDialog';
import { ServiceList } from './ServiceList';
import { ServicePage } from './ServicePage';
import { useServiceList } from './use-services';
import './services.css';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The Services screen: the list on the left, the open service on the right. Below 900 px the
 * two stack (services.css): the list alone, then the open service alone with a way back.
 */
export function ServicesPage() {
  const latch = useLatch();
  const toast = useToast();
  const { services, error } = useServiceList();
  const [openId, setOpenId] = useState<string | null>(() => takeRequestedService());
  const [adding, setAdding] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const find = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f';
      if (find || (e.key === '/' && !isTyping(e.target))) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(
    () =>
      latch.clipboard.onCleared(({ cleared }) => {
        if (cleared) toast.show('Clipboard cleared');
      }),
    [latch, toast],
  );

  const toggleFavourite = async (s: ServiceSummary) => {
    try {
      await latch.services.update({ id: s.id, service: { favourite: !s.favourite } });
    } catch (e) {
      toast.show(errorOf(e).message, 'error');
    }
  };

  return (
    <div className={`svc${openId ? ' svc--open' : ''}`}>
      {services === null ? (
        <div className="svc-list" aria-busy="true">
          {error ? <p className="field__error">{error}</p> : null}
        </div>
      ) : (
        <ServiceList
          services={services}
          openId={openId}
          onOpen={setOpenId}
          onAdd={() => setAdding(true)}
          onToggleFavourite={(s) => void toggleFavourite(s)}
          searchRef={searchRef}
        />
      )}
      <div className="svc-detail">
        {openId ? (
          <button type="button" className="svc-back" onClick={() => setOpenId(null)}>
            <Icon name="back" />
            Back to services
          </button>
        ) : null}
        {openId ? (
          <ServicePage key={openId} id={openId} onClosed={() => setOpenId(null)} />
        ) : services && services.length > 0 ? (
          <EmptyState title="Pick a service">
            Use ↑ and ↓ to move through the list and Enter to open. Press / to search.
          </EmptyState>
        ) : null}
      </div>
      <ServiceFormDialog
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={(id) => {
          setAdding(false);
          setOpenId(id);
        }}
      />
    </div>
  );
}
