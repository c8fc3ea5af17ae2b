import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import type { ServiceSummary } from '../../../../preload/contract';
import { Button, EmptyState, Icon } from '../../ui';
import { rowId, ServiceRow } from './ServiceRow';
import { buildSearchIndex, filterServices } from './search';
import { TagFilter } from './TagFilter';
import { VirtualList, type VirtualListHandle } from './VirtualList';

/** Room for a name on two lines over its URL and badges. */
const ROW_HEIGHT = 60;

export interface ServiceListProps {
  services: readonly ServiceSummary[];
  openId: string | null;
  onOpen: (id: string) => void;
  onAdd: () => void;
  onToggleFavourite: (service: ServiceSummary) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

/** Search, tag filter and the virtualised list; Up/Down select, Enter opens. */
export function ServiceList({ services, openId, onOpen, onAdd, onToggleFavourite, searchRef }: ServiceListProps) {
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState<string | null>(null);
  const [codesOnly, setCodesOnly] = useState(false);
  const [selected, setSelected] = useState(0);
  const list = useRef<VirtualListHandle>(null);
  // The haystacks are built once per list load; each keystroke only filters.
  const index = useMemo(() => buildSearchIndex(services), [services]);
  const results = useMemo(() => filterServices(index, query, tag, codesOnly), [index, query, tag, codesOnly]);
  const listed = index.entries.length - index.codesOnly;

  useEffect(() => setSelected(0), [query, tag, codesOnly]);
  const current = results[Math.min(selected, results.length - 1)];

  const move = (to: number) => {
    const next = Math.max(0, Math.min(results.length - 1, to));
    setSelected(next);
    list.current?.reveal(next);
  };
  const onKeys = (e: React.KeyboardEvent) => {
    if (e.defaultPrevented) return;
    const page = 8;
    if (e.key === 'ArrowDown') move(selected + 1);
    else if (e.key === 'ArrowUp') move(selected - 1);
    else if (e.key === 'PageDown') move(selected + page);
    else if (e.key === 'PageUp') move(selected - page);
    else if (e.key === 'Home' && e.currentTarget !== searchRef.current) move(0);
    else if (e.key === 'End' && e.currentTarget !== searchRef.current) move(results.length - 1);
    else if (e.key === 'Enter' && current) onOpen(current.id);
    else if (e.key === 'Escape' && e.currentTarget === searchRef.current && query !== '') setQuery('');
    else return;
    e.preventDefault();
  };

  return (
    <div className="svc-list">
      {/* The DOM gives the Tab order (tag chips, add, search, list: the list one Tab stop after the
          search); CSS order draws search and add above the chips. */}
      <TagFilter
        tags={index.tags}
        value={tag}
        onChange={setTag}
        codesOnly={{ count: index.codesOnly, on: codesOnly }}
        onCodesOnly={setCodesOnly}
      />
      <div className="svc-list__tools">
        <Button
          variant="primary"
          icon
          onClick={onAdd}
          aria-label="Add service"
          title="Add service"
          className="svc-list__add"
        >
          <Icon name="plus" />
        </Button>
        <div className="field__control svc-search">
          <Icon name="search" />
          <input
            ref={searchRef}
            type="search"
            aria-label="Search services"
            // Short enough for the narrowest list (the screen matrix measures it); the "/" shortcut is the keycap after it.
            placeholder="Name, #tag or URL"
            value={query}
            spellCheck={false}
            autoComplete="off"
            aria-controls="service-listbox"
            onChange={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={onKeys}
          />
          {query === '' ? (
            <span className="svc-search__key" aria-hidden="true">
              /
            </span>
          ) : null}
        </div>
      </div>
      <div className="svc-list__count" aria-live="polite">
        {query || tag || codesOnly
          ? `${results.length} of ${codesOnly ? index.codesOnly : listed}`
          : listed === 0 && index.codesOnly > 0
            ? `${index.codesOnly} with codes only`
            : `${listed} service${listed === 1 ? '' : 's'}`}
      </div>
      {listed === 0 && !codesOnly && !query && !tag ? (
        index.codesOnly > 0 ? (
          // The vault is not empty: "No services yet" contradicted the Codes only chip beside it.
          <EmptyState
            glyph="totp"
            title={
              index.codesOnly === 1
                ? 'One service holds only one-time codes'
                : `${index.codesOnly} services hold only one-time codes`
            }
            action={
              <div className="hstack empty__actions">
                <Button variant="primary" onClick={() => setCodesOnly(true)}>
                  {index.codesOnly === 1 ? 'Show it' : 'Show them'}
                </Button>
                <Button onClick={onAdd}>Add a service</Button>
              </div>
            }
          >
            Services that hold nothing but codes are listed under Codes only; their codes are on the Codes screen.
          </EmptyState>
        ) : (
          <EmptyState
            glyph="services"
            title="No services yet"
            action={
              <Button variant="primary" onClick={onAdd}>
                Add your first service
              </Button>
            }
          >
            A service groups the credentials of one API or site.
          </EmptyState>
        )
      ) : results.length === 0 ? (
        <EmptyState
          glyph="search"
          title="Nothing matches"
          action={
            <Button
              onClick={() => {
                setQuery('');
                setTag(null);
                setCodesOnly(false);
                searchRef.current?.focus();
              }}
            >
              Clear search
            </Button>
          }
        >
          No service matches “{query}”{tag ? ` with the tag ${tag}` : ''}.
        </EmptyState>
      ) : (
        <VirtualList
          handle={list}
          items={results}
          rowHeight={ROW_HEIGHT}
          label="Services"
          id="service-listbox"
          activeId={current ? rowId(current.id) : undefined}
          onKeyDown={onKeys}
          renderRow={(s, i) => (
            <ServiceRow
              service={s}
              selected={i === selected}
              open={openId === s.id}
              onOpen={() => {
                setSelected(i);
                onOpen(s.id);
              }}
              onToggleFavourite={() => onToggleFavourite(s)}
            />
          )}
        />
      )}
    </div>
  );
}
