import { Box, Text } from 'ink';
import type { Entity } from '../core/entities';
import { articleIsCapped, CAPPED_NOTE, mentionCountLabel } from '../core/entities/chunked';
import { padToWidth, truncateToWidth } from '../core/layout/text-width';
import { storedTextLength } from '../core/load/text-store';
import { sanitizeSingleLine } from '../core/sanitize';
import { panelEntities } from '../state/panel';
import type { State } from '../state/types';
import { Styled } from './styled';
import { entityHeadings, entityMarkers, glyphs } from './theme';

interface PanelRow {
  heading?: string;
  entity?: Entity;
  position?: number;
}

/** Headings between the type groups, so the list reads as People / Places / Organizations. */
function panelRows(entities: Entity[]): PanelRow[] {
  const rows: PanelRow[] = [];
  entities.forEach((entity, position) => {
    if (entities[position - 1]?.type !== entity.type) rows.push({ heading: entityHeadings[entity.type] });
    rows.push({ entity, position });
  });
  return rows;
}

/** Scrolls the rows so the selected entity stays visible. */
function visibleRows(rows: PanelRow[], selected: number, height: number): PanelRow[] {
  const at = rows.findIndex((r) => r.position === selected);
  const top = Math.max(0, Math.min(at - Math.floor(height / 2), rows.length - height));
  return rows.slice(top, top + height);
}

function statusLine(state: State): string {
  const { current, reading, progress } = state.entities;
  if (current) return '';
  const open = state.screen.name === 'reader' ? state.screen.articleIndex : -1;
  if (reading && reading.articleIndex === open && reading.total > 0) return `reading this long article… ${Math.floor((100 * reading.done) / reading.total)}%`;
  const { done, total } = progress;
  return done < total && total > 1 ? `finding entities… ${done}/${total}` : 'finding entities…';
}

function DimLine({ text, width }: { text: string; width: number }) {
  return (
    <Text wrap="truncate">
      <Styled role="dim">{truncateToWidth(text, width)}</Styled>
    </Text>
  );
}

export function EntityPanel({ state, width, height }: { state: State; width: number; height: number }) {
  const entities = panelEntities(state);
  const { selected, focus } = state.entities;
  const focused = focus === 'panel';
  const open = state.screen.name === 'reader' ? state.library.articles[state.screen.articleIndex] : undefined;
  const capped = articleIsCapped(entities, open ? storedTextLength(open) : 0);
  const bodyHeight = Math.max(1, height - 1 - (capped ? 1 : 0));
  const rows = visibleRows(panelRows(entities), selected, bodyHeight);
  const heading = `Entities${entities.length > 0 ? ` (${entities.length})` : ''}${focused ? ' ·focus' : ''}`;
  const pending = statusLine(state);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate">
        <Styled role={focused ? 'focus' : 'strong'}>{padToWidth(heading, width)}</Styled>
      </Text>
      {capped ? <DimLine text={CAPPED_NOTE} width={width} /> : null}
      {pending ? (
        <DimLine text={pending} width={width} />
      ) : entities.length === 0 ? (
        <DimLine text="no people, places or organizations" width={width} />
      ) : (
        rows.map((row) =>
          row.entity ? (
            <EntityRow
              key={`e${row.position}`}
              entity={row.entity}
              selected={row.position === selected}
              width={width}
            />
          ) : (
            <DimLine key={`h${row.heading}`} text={row.heading ?? ''} width={width} />
          ),
        )
      )}
    </Box>
  );
}

function EntityRow({ entity, selected, width }: { entity: Entity; selected: boolean; width: number }) {
  const count = mentionCountLabel(entity);
  const nameWidth = Math.max(1, width - 4 - count.length - 1);
  return (
    <Text wrap="truncate">
      <Styled role={selected ? 'selected' : undefined}>
        {selected ? glyphs.selectedMarker : ' '}
        <Styled role={entity.type}>{entityMarkers[entity.type]}</Styled> {padToWidth(sanitizeSingleLine(entity.name), nameWidth)} {count}
      </Styled>
    </Text>
  );
}
