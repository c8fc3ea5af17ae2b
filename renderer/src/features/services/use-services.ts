import { useCallback, useEffect, useState } from 'react';
import type { ServiceSummary, ServiceView } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { useToast } from '../../ui';
import { errorOf } from './bridge-error';

/** The service list, reloaded whenever main says services changed. Null while loading. */
export function useServiceList(): { services: ServiceSummary[] | null; error: string | null } {
  const latch = useLatch();
  const [services, setServices] = useState<ServiceSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      latch.services.list({}).then(
        (list) => {
          if (live) {
            setServices(list);
            setError(null);
          }
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : 'Could not load the services.'),
      );
    void load();
    const off = latch.services.onChanged(() => void load());
    return () => {
      live = false;
      off();
    };
  }, [latch]);
  return { services, error };
}

/** One service with its credentials (secrets only by name), reloaded on change. */
export function useServiceView(id: string): { view: ServiceView | null; missing: boolean; reload: () => void } {
  const latch = useLatch();
  const [view, setView] = useState<ServiceView | null>(null);
  const [missing, setMissing] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => latch.services.onChanged(reload), [latch, reload]);
  useEffect(() => {
    let live = true;
    latch.services.get({ id }).then(
      (v) => {
        if (!live) return;
        setView(v);
        setMissing(false);
      },
      () => live && setMissing(true),
    );
    return () => {
      live = false;
    };
  }, [latch, id, tick]);
  return { view: view?.id === id ? view : null, missing, reload };
}

/**
 * Every service, for a screen's service picker (Requests, Audit): empty until listed. A failed list is
 * said in a toast: the picker alone, holding only "No service", read as a vault without services.
 */
export function useServiceChoices(): ServiceSummary[] {
  const latch = useLatch();
  const toast = useToast();
  const [services, setServices] = useState<ServiceSummary[]>([]);
  useEffect(() => {
    const load = () =>
      void latch.services.list().then(setServices, (e: unknown) => {
        setServices([]);
        toast.show(
          `Your services could not be listed: ${errorOf(e).message} Open this screen again to retry.`,
          'error',
        );
      });
    load();
    return latch.services.onChanged(load);
  }, [latch, toast]);
  return services;
}
