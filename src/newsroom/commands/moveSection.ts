import type { WriterDeps } from '../articleWriter.js';
import { can, ensure } from '../../content/policies.js';
import { listSections } from '../../content/taxonomy.js';
import { orderSections } from './orderSections.js';
import { TaxonomyError, type TaxonomyActor } from '../taxonomy.js';

export interface MoveSectionProps extends TaxonomyActor {
  id: number;
  /** One place earlier or later among the sections of its level. */
  direction: 'up' | 'down';
}

/** Moves a section one place up or down among its siblings: the buttons that work without dragging. */
export async function moveSection(deps: WriterDeps, p: MoveSectionProps): Promise<void> {
  ensure(can(p.actor, 'taxonomy.manage'), 'taxonomy.manage');
  const all = await listSections(deps.db);
  const section = all.find((s) => s.id === p.id);
  if (!section) throw new TaxonomyError({ code: 'notFound', id: p.id });
  const siblings = all.filter((s) => s.parent_id === section.parent_id).map((s) => s.id);
  const at = siblings.indexOf(p.id);
  const to = p.direction === 'up' ? at - 1 : at + 1;
  if (to < 0 || to >= siblings.length) return;
  [siblings[at], siblings[to]] = [siblings[to] as number, siblings[at] as number];
  await orderSections(deps, { actor: p.actor, sectionIds: siblings, ...(p.origin && { origin: p.origin }) });
}
