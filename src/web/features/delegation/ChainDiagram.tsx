import { useId } from "react";
import { Group, Text, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ChainLink, DelegationStatus, DelegationView } from "../../../modules/delegation/contracts.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { AnchorLink } from "../../ui/links.js";
import { InstrumentStatusBadge, useDelegationFormat } from "./ui.js";

/** One box of a chain: the central authority the power starts from, or a post that received it by an instrument. */
export interface ChainBox {
  key: string;
  label: string;
  /** a line under the label (the central authority's title) */
  sub?: string;
  /** a small line above the label: "the central authority", "decides", "this instrument" */
  tag?: string;
  instrument?: { id: string; no: string; date: string; from: string; to: string | null; cap: string | null; status?: DelegationStatus; isDemo?: boolean };
  current?: boolean;
}

/** Chain links (root first) as boxes: the root's delegator, then each delegate with its instrument. */
export function boxesFromChain(chain: readonly ChainLink[], pick: (th: string, en: string) => string, tags: { source: string; last?: string }, sourceSub?: string): ChainBox[] {
  const root = chain[0];
  if (!root) return [];
  return [
    { key: `source:${root.delegationId}`, label: pick(root.delegatorLabelTh, root.delegatorLabelEn), sub: sourceSub, tag: tags.source },
    ...chain.map((c, k) => ({
      key: c.delegationId,
      label: pick(c.delegateLabelTh, c.delegateLabelEn),
      tag: k === chain.length - 1 ? tags.last : undefined,
      current: k === chain.length - 1,
      instrument: { id: c.delegationId, no: c.instrumentNo, date: c.instrumentDate, from: c.effectiveFrom, to: c.effectiveTo, cap: c.amountCap },
    })),
  ];
}

/** Instruments (root first) as boxes, the same way. */
export function boxesFromViews(views: readonly DelegationView[], pick: (th: string, en: string) => string, tags: { source: string; current?: string }, currentId?: string, sourceSub?: string): ChainBox[] {
  const root = views[0];
  if (!root) return [];
  return [
    { key: `source:${root.id}`, label: pick(root.delegatorLabelTh, root.delegatorLabelEn), sub: sourceSub, tag: tags.source },
    ...views.map((v) => ({
      key: v.id,
      label: pick(v.delegateLabelTh, v.delegateLabelEn),
      tag: v.id === currentId ? tags.current : undefined,
      current: v.id === currentId,
      instrument: { id: v.id, no: v.instrumentNo, date: v.instrumentDate, from: v.effectiveFrom, to: v.effectiveTo, cap: v.amountCap, status: v.status, isDemo: v.isDemo },
    })),
  ];
}

function Box({ box, linkCurrent }: { box: ChainBox; linkCurrent: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const d = useDelegationFormat();
  const i = box.instrument;
  return (
    <div className="chain-box" data-current={box.current ? "true" : undefined} data-kind={i ? "link" : "source"} data-testid="chain-box">
      {box.tag && (
        <Text size="xs" fw={700} c="dark.5" mb={2}>
          {box.tag}
        </Text>
      )}
      <Text fw={700} lh={1.5} data-testid="chain-label">
        {box.label}
      </Text>
      {box.sub && box.sub !== box.label && <Text size="sm">{box.sub}</Text>}
      {i && (
        <>
          <Text size="sm" mt={4}>
            {t("delegation.chain.instrument")}:{" "}
            {box.current && !linkCurrent ? (
              <span lang={f.lang === "en" ? "th" : undefined}>{i.no}</span>
            ) : (
              <AnchorLink to="/delegation/instruments/$id" params={{ id: i.id }} lang={f.lang === "en" ? "th" : undefined} data-testid="chain-instrument-link">
                {i.no}
              </AnchorLink>
            )}
          </Text>
          <Text size="sm">{t("delegation.chain.dated", { date: f.date(i.date) })}</Text>
          <Text size="sm">{t("delegation.chain.period", { period: d.period(i.from, i.to) })}</Text>
          <Text size="sm">{t("delegation.chain.cap", { cap: d.cap(i.cap) })}</Text>
          {(i.status || i.isDemo) && (
            <Group gap={4} mt={4}>
              {i.status && <InstrumentStatusBadge status={i.status} />}
              <DemoBadge isDemo={i.isDemo} />
            </Group>
          )}
        </>
      )}
    </div>
  );
}

/**
 * The chain from the central authority down to the deciding post: boxes joined by arrows, left to right on a desk
 * screen and top to bottom on a phone. An ordered list, so a screen reader reads it in order.
 */
export function ChainDiagram({ boxes, label, testId = "chain-diagram", linkCurrent = true }: { boxes: readonly ChainBox[]; label: string; testId?: string; linkCurrent?: boolean }) {
  const { t } = useTranslation();
  // labelled by a hidden element, not aria-label: the list holds data (instrument numbers are Thai in either language)
  const id = useId();
  return (
    <>
      <VisuallyHidden id={id}>{label}</VisuallyHidden>
      <ol className="chain" aria-labelledby={id} data-testid={testId}>
        {boxes.map((b, k) => (
          <li key={b.key} className="chain-step">
            {k > 0 && (
              <span className="chain-arrow">
                <span aria-hidden="true" className="chain-arrow-glyph" />
                <VisuallyHidden>{t("delegation.chain.delegatesTo")}</VisuallyHidden>
              </span>
            )}
            <Box box={b} linkCurrent={linkCurrent} />
          </li>
        ))}
      </ol>
    </>
  );
}

/** Onward delegations beneath an instrument, as a tree (each instrument under the one it was delegated from). */
export function InstrumentTree({ rootId, items, labelledBy }: { rootId: string; items: readonly DelegationView[]; labelledBy: string }) {
  const byParent = new Map<string, DelegationView[]>();
  for (const v of items) if (v.parentId) byParent.set(v.parentId, [...(byParent.get(v.parentId) ?? []), v]);
  return (
    <div data-testid="instrument-tree">
      <Branch parentId={rootId} byParent={byParent} labelledBy={labelledBy} />
    </div>
  );
}

function Branch({ parentId, byParent, labelledBy }: { parentId: string; byParent: Map<string, DelegationView[]>; labelledBy?: string }) {
  const f = useFormat();
  const children = byParent.get(parentId) ?? [];
  if (!children.length) return null;
  return (
    <ul className="chain-tree" aria-labelledby={labelledBy}>
      {children.map((v) => (
        <li key={v.id} data-testid="tree-node" data-id={v.id}>
          <Box
            box={{
              key: v.id,
              label: f.pick(v.delegateLabelTh, v.delegateLabelEn),
              instrument: { id: v.id, no: v.instrumentNo, date: v.instrumentDate, from: v.effectiveFrom, to: v.effectiveTo, cap: v.amountCap, status: v.status, isDemo: v.isDemo },
            }}
            linkCurrent
          />
          <Branch parentId={v.id} byParent={byParent} />
        </li>
      ))}
    </ul>
  );
}
